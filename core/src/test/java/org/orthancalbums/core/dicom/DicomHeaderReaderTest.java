package org.orthancalbums.core.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.orthancalbums.core.dicom.DicomFormatException.Reason;
import org.orthancalbums.core.dicom.Part10.DataSet;

class DicomHeaderReaderTest {
    private static final String EXPLICIT_LE = DicomHeaderReader.EXPLICIT_VR_LITTLE_ENDIAN;
    private static final String EXPLICIT_BE = DicomHeaderReader.EXPLICIT_VR_BIG_ENDIAN;
    private static final String IMPLICIT_LE = DicomHeaderReader.IMPLICIT_VR_LITTLE_ENDIAN;

    // ---- round trip with our own writer ------------------------------------------------------------------------

    @Test
    void readsWhatDicomFileWriterWrites(@TempDir Path directory) throws IOException {
        String study = Uids.random();
        String series = Uids.random();
        String sop = Uids.random();
        byte[] bytes = DicomFileWriter.write(new DicomFileWriter.Instance("PAT-1", "Émilie^Nguyễn", study, series, sop,
                "20240102", "Étude thoracique", "CT", 3, 14, 64, 48));
        Path file = Files.write(directory.resolve("writer.dcm"), bytes);

        DicomHeader expected = new DicomHeader(true, EXPLICIT_LE, DicomFileWriter.SECONDARY_CAPTURE, sop, study, series,
                "PAT-1", "Émilie^Nguyễn", "20240102", "Étude thoracique", "Series 3", "CT", 3, 14, "ISO_IR 192",
                bytes.length - 12 - 64 * 48 * 2); // Pixel Data: 12-byte OW header, then the pixels
        assertThat(DicomHeaderReader.read(new ByteArrayInputStream(bytes))).isEqualTo(expected);
        assertThat(DicomHeaderReader.read(file)).isEqualTo(expected);
    }

    // ---- we stop before the pixel data ---------------------------------------------------------------------------

    @Test
    void readsFarLessThanAFileWithBigPixelData() throws IOException {
        byte[] bytes = DicomFileWriter.write(new DicomFileWriter.Instance("P", "N", Uids.random(), Uids.random(),
                Uids.random(), "20240101", "S", "MR", 1, 1, 512, 512)); // 512 KiB of pixels
        CountingStream stream = new CountingStream(new ByteArrayInputStream(bytes));

        DicomHeader header = DicomHeaderReader.read(stream);

        assertThat(header.headerBytes()).isLessThan(2048);
        assertThat(stream.bytesRead).as("bytes pulled from the stream (one buffer)").isLessThanOrEqualTo(8192);
        assertThat(bytes.length).isGreaterThan(512 * 512 * 2);

        long fixtureSize = Files.size(DicomFixtures.file("latin1-explicit-le.dcm"));
        assertThat(DicomHeaderReader.read(DicomFixtures.file("latin1-explicit-le.dcm")).headerBytes())
                .isLessThan(fixtureSize - 32768);
        long deflatedSize = Files.size(DicomFixtures.file("pydicom-image_dfl.dcm"));
        assertThat(DicomHeaderReader.read(DicomFixtures.file("pydicom-image_dfl.dcm")).headerBytes())
                .as("compressed bytes read of a deflated file with 256 KiB of pixels").isLessThan(deflatedSize / 2);
    }

    @Test
    void aFileCutInsideItsPixelDataStillHasItsHeader() throws IOException {
        DicomHeader whole = DicomHeaderReader.read(DicomFixtures.file("latin1-explicit-le.dcm"));
        DicomHeader cut = DicomHeaderReader.read(DicomFixtures.file("truncated-in-pixel-data.dcm"));
        assertThat(cut).isEqualTo(whole);
    }

    @Test
    void stopsAtATopLevelTagAfterPixelDataEvenWithoutPixelData() throws IOException {
        DataSet dataSet = DataSet.explicitLittleEndian().text(0x00100010, "PN", "Padded^File");
        int paddingOffset = Part10.file(EXPLICIT_LE, dataSet).length;
        dataSet.element(0xFFFCFFFC, "OB", new byte[64]);

        DicomHeader header = DicomHeaderReader.read(new ByteArrayInputStream(Part10.file(EXPLICIT_LE, dataSet)));

        assertThat(header.patientName()).isEqualTo("Padded^File");
        assertThat(header.headerBytes()).isEqualTo(paddingOffset);
    }

    // ---- structures --------------------------------------------------------------------------------------------

    @Test
    void walksUndefinedLengthUnAsImplicitLittleEndianInsideABigEndianFile() throws IOException {
        byte[] implicitSequence = DataSet.implicitLittleEndian()
                .item()
                .text(0x00100010, "PN", "Decoy^Inside^UN")
                .undefined(0x00091001, "SQ").item().text(0x00100020, "LO", "DECOY").itemDelimiter().sequenceDelimiter()
                .itemDelimiter()
                .sequenceDelimiter().bytes();
        DataSet dataSet = DataSet.explicitBigEndian()
                .text(0x00080060, "CS", "OT")
                .text(0x00090010, "LO", "SOME CREATOR")
                .undefined(0x00091010, "UN").raw(implicitSequence)
                .text(0x00100010, "PN", "Big^Endian")
                .text(0x00200013, "IS", "42");

        DicomHeader header = DicomHeaderReader.read(new ByteArrayInputStream(Part10.file(EXPLICIT_BE, dataSet)));

        assertThat(header.modality()).isEqualTo("OT");
        assertThat(header.patientName()).isEqualTo("Big^Endian");
        assertThat(header.instanceNumber()).isEqualTo(42);
    }

    @Test
    void walksEncapsulatedPixelDataNestedInAnIconImageSequence() throws IOException {
        DataSet dataSet = DataSet.explicitLittleEndian()
                .text(0x00080060, "CS", "US")
                .text(0x00100020, "LO", "BEFORE-ICON")
                .undefined(0x00880200, "SQ").item()
                .element(0x00280010, "US", new byte[] {8, 0})
                .undefined(0x7FE00010, "OB").item(new byte[0]).item(new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, 4})
                .sequenceDelimiter()
                .itemDelimiter().sequenceDelimiter()
                .text(0x00880904, "LO", "AFTER-ICON")
                .undefined(0x7FE00010, "OB").item(new byte[0]).item(new byte[] {(byte) 0xFF, (byte) 0xD8}).sequenceDelimiter();
        byte[] file = Part10.file("1.2.840.10008.1.2.4.50", dataSet);

        DicomHeader header = DicomHeaderReader.read(new ByteArrayInputStream(file));

        assertThat(header.patientId()).isEqualTo("BEFORE-ICON");
        assertThat(header.transferSyntaxUid()).isEqualTo("1.2.840.10008.1.2.4.50");
        // the real pixel data (12-byte element head, an empty item, a 2-byte item, the delimiter), not the icon's
        assertThat(header.headerBytes()).isEqualTo(file.length - 12 - 8 - 10 - 8);
        assertThat(DicomHeaderReader.readWholeFile(new ByteArrayInputStream(file)).headerBytes()).isEqualTo(header.headerBytes());
    }

    @Test
    void skipsDefinedLengthItemsOfUndefinedLengthSequences() throws IOException {
        byte[] item = DataSet.implicitLittleEndian().text(0x00100020, "LO", "DECOY").text(0x00081155, "UI", "1.2").bytes();
        DataSet dataSet = DataSet.implicitLittleEndian()
                .undefined(0x00081140, "SQ").item(item).item().text(0x00100020, "LO", "DECOY").itemDelimiter()
                .sequenceDelimiter()
                .text(0x00100020, "LO", "TOP");

        assertThat(DicomHeaderReader.read(new ByteArrayInputStream(Part10.file(IMPLICIT_LE, dataSet))).patientId())
                .isEqualTo("TOP");
    }

    @Test
    void acceptsOddLengths() throws IOException { // as dcmtk and pydicom do
        DataSet dataSet = DataSet.explicitLittleEndian()
                .element(0x00100010, "PN", "Doe^J".getBytes(StandardCharsets.US_ASCII))
                .element(0x00100020, "LO", "ID7".getBytes(StandardCharsets.US_ASCII));

        DicomHeader header = DicomHeaderReader.read(new ByteArrayInputStream(Part10.file(EXPLICIT_LE, dataSet)));

        assertThat(header.patientName()).isEqualTo("Doe^J");
        assertThat(header.patientId()).isEqualTo("ID7");
    }

    @Test
    void guessesTheEncodingWhenTheMetaInformationHasNoTransferSyntax() throws IOException {
        for (DataSet dataSet : List.of(DataSet.explicitLittleEndian(), DataSet.explicitBigEndian(),
                DataSet.implicitLittleEndian())) {
            dataSet.text(0x00080060, "CS", "CT").undefined(0x00081140, "SQ").item().itemDelimiter().sequenceDelimiter()
                    .text(0x00100010, "PN", "No^Syntax");

            DicomHeader header = DicomHeaderReader.read(new ByteArrayInputStream(Part10.file(null, dataSet)));

            assertThat(header.transferSyntaxUid()).isNull();
            assertThat(header.patientName()).isEqualTo("No^Syntax");
            assertThat(header.sopClassUid()).as("from the meta information").isEqualTo(Part10.SECONDARY_CAPTURE);
        }
    }

    @Test
    void readsDeflatedDataSetsFromStreams() throws IOException {
        byte[] dataSet = DataSet.explicitLittleEndian().text(0x00100010, "PN", "Deflated^Stream")
                .element(0x7FE00010, "OW", new byte[4096]).bytes();
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(deflated, new Deflater(Deflater.DEFAULT_COMPRESSION, true))) {
            out.write(dataSet);
        }
        byte[] file = Part10.file(DicomHeaderReader.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, Part10.SECONDARY_CAPTURE,
                deflated.toByteArray());

        assertThat(DicomHeaderReader.read(new ByteArrayInputStream(file)).patientName()).isEqualTo("Deflated^Stream");
        byte[] corrupt = file.clone();
        Arrays.fill(corrupt, file.length - deflated.size(), file.length, (byte) 0xFF);
        assertThat(reason(corrupt)).isEqualTo(Reason.MALFORMED);
    }

    // ---- values --------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "7|7", "' 7 '|7", "+5|5", "-3|-3", "'1\\2'|NULL", "99999999999|NULL", "seven|NULL", "''|NULL", "1.0|NULL"})
    void seriesAndInstanceNumbersAreSingleIntegers(String value, Integer expected) throws IOException {
        DataSet dataSet = DataSet.explicitLittleEndian().text(0x00200011, "IS", value).text(0x00200013, "IS", value);

        DicomHeader header = DicomHeaderReader.read(new ByteArrayInputStream(Part10.file(EXPLICIT_LE, dataSet)));

        assertThat(header.seriesNumber()).isEqualTo(expected);
        assertThat(header.instanceNumber()).isEqualTo(expected);
    }

    @Test
    void trimsTrailingSpacesAndNulsAndReportsEmptyValuesAsNull() throws IOException {
        DataSet dataSet = DataSet.explicitLittleEndian()
                .element(0x00080060, "CS", "MR\0\0".getBytes(StandardCharsets.US_ASCII))
                .element(0x00081030, "LO", new byte[0])
                .element(0x0008103E, "LO", "    ".getBytes(StandardCharsets.US_ASCII))
                .text(0x00100010, "PN", " Leading^Space  ")
                .text(0x00100020, "LO", "A\\B");

        DicomHeader header = DicomHeaderReader.read(new ByteArrayInputStream(Part10.file(EXPLICIT_LE, dataSet)));

        assertThat(header.modality()).isEqualTo("MR");
        assertThat(header.studyDescription()).isNull();
        assertThat(header.seriesDescription()).isNull();
        assertThat(header.patientName()).isEqualTo(" Leading^Space");
        assertThat(header.patientId()).as("multi-valued: raw").isEqualTo("A\\B");
        assertThat(header.studyInstanceUid()).as("absent").isNull();
    }

    @Test
    void skipsKeptValuesAboveTheCap() throws IOException { // implicit VR: explicit VR LO/PN lengths fit in 16 bits
        DataSet dataSet = DataSet.implicitLittleEndian()
                .element(0x00081030, "LO", "x".repeat(DicomHeaderReader.MAX_VALUE_LENGTH + 2).getBytes(StandardCharsets.US_ASCII))
                .element(0x00100010, "PN", "y".repeat(DicomHeaderReader.MAX_VALUE_LENGTH).getBytes(StandardCharsets.US_ASCII))
                .text(0x00100020, "LO", "AFTER");

        DicomHeader header = DicomHeaderReader.read(new ByteArrayInputStream(Part10.file(IMPLICIT_LE, dataSet)));

        assertThat(header.studyDescription()).isNull();
        assertThat(header.patientName()).hasSize(DicomHeaderReader.MAX_VALUE_LENGTH);
        assertThat(header.patientId()).isEqualTo("AFTER");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "NULL|US-ASCII", "''|US-ASCII", "ISO_IR 6|US-ASCII", "ISO_IR 100|ISO-8859-1", "ISO_IR 101|ISO-8859-2",
        "ISO_IR 109|ISO-8859-3", "ISO_IR 110|ISO-8859-4", "ISO_IR 144|ISO-8859-5", "ISO_IR 127|ISO-8859-6",
        "ISO_IR 126|ISO-8859-7", "ISO_IR 138|ISO-8859-8", "ISO_IR 148|ISO-8859-9", "ISO_IR 203|ISO-8859-15",
        "ISO_IR 192|UTF-8", "GB18030|GB18030", "'\\ISO 2022 IR 100'|ISO-8859-1",
        "'ISO 2022 IR 6\\ISO 2022 IR 144'|ISO-8859-5", "'ISO 2022 IR 6\\ISO 2022 IR 87'|ISO-2022-JP",
        "ISO_IR 13|ISO-8859-1", "made up|ISO-8859-1"})
    void mapsSpecificCharacterSets(String specificCharacterSet, String charset) {
        assertThat(DicomHeaderReader.charsetFor(specificCharacterSet)).isEqualTo(Charset.forName(charset));
    }

    @Test
    void decodesNamesWithTheFilesCharacterSet() throws IOException {
        DataSet dataSet = DataSet.explicitLittleEndian()
                .text(0x00080005, "CS", "\\ISO 2022 IR 101")
                .text(0x00100010, "PN", "Dvořák^Łucja", Charset.forName("ISO-8859-2"));

        DicomHeader header = DicomHeaderReader.read(new ByteArrayInputStream(Part10.file(EXPLICIT_LE, dataSet)));

        assertThat(header.specificCharacterSet()).isEqualTo("\\ISO 2022 IR 101");
        assertThat(header.patientName()).isEqualTo("Dvořák^Łucja");
    }

    // ---- failures ------------------------------------------------------------------------------------------------

    @Test
    void failureMessagesSayWhatIsWrong() {
        DicomFormatException empty = failure(new byte[0]);
        assertThat(empty.getMessage()).isEqualTo("not a DICOM file: no DICM marker at byte 128 (the file is empty)");

        DicomFormatException text = failure("hello".getBytes(StandardCharsets.US_ASCII));
        assertThat(text.getMessage()).isEqualTo("not a DICOM file: no DICM marker at byte 128 (the file has only 5 bytes)");

        DicomFormatException cut = failure(DicomFixtures.bytes("truncated-in-meta.dcm"));
        assertThat(cut.reason()).isEqualTo(Reason.TRUNCATED);
        assertThat(cut.offset()).isEqualTo(180);
        assertThat(cut.getMessage()).isEqualTo("truncated DICOM file: it ends inside the file meta information, "
                + "in element (0002,0002), after 180 bytes");

        DicomFormatException deflated = failure(DicomFixtures.bytes("truncated-deflated.dcm"));
        assertThat(deflated.getMessage()).startsWith("truncated DICOM file: it ends inside the data set")
                .contains("after " + DicomFixtures.bytes("truncated-deflated.dcm").length + " bytes (deflated, ");

        DicomFormatException dicomdir = failure(DicomFixtures.bytes("dcmmkdir-DICOMDIR"));
        assertThat(dicomdir.getMessage()).startsWith("DICOMDIR");
    }

    @Test
    void reportsTruncationFromTheFileSizeBeforeSkipping() throws IOException {
        DicomFormatException error = catchThrowableOfType(DicomFormatException.class,
                () -> DicomHeaderReader.read(DicomFixtures.file("truncated-in-value.dcm")));
        assertThat(error.reason()).isEqualTo(Reason.TRUNCATED);
        assertThat(error.getMessage()).isEqualTo("truncated DICOM file: element (0029,1040) at byte 1488 has a length "
                + "of 202 bytes but the file ends at byte 1548");
        assertThat(error.offset()).isEqualTo(Files.size(DicomFixtures.file("truncated-in-value.dcm")));
    }

    @Test
    void hugeLengthsInAStreamAreTruncationNotAnAllocation() {
        DataSet dataSet = DataSet.explicitLittleEndian().text(0x00080060, "CS", "MR");
        byte[] file = Part10.file(EXPLICIT_LE, dataSet);
        byte[] hugeText = Arrays.copyOf(file, file.length + 12);
        byte[] hugeElement = DataSet.explicitLittleEndian().undefined(0x00100010, "UT").bytes();
        hugeElement[8] = (byte) 0xF0; // length 0xFFFFFFF0
        System.arraycopy(hugeElement, 0, hugeText, file.length, 12);

        assertThat(reason(hugeText)).isEqualTo(Reason.TRUNCATED);
    }

    @Test
    void rejectsImpossibleStructures() {
        DataSet deep = DataSet.explicitLittleEndian();
        for (int i = 0; i < 10_000; i++) {
            deep.undefined(0x00400100, "SQ").item();
        }
        DicomFormatException tooDeep = failure(Part10.file(EXPLICIT_LE, deep));
        assertThat(tooDeep.reason()).isEqualTo(Reason.MALFORMED);
        assertThat(tooDeep.getMessage()).contains("nested more than 64 deep");

        assertThat(reason(Part10.file(EXPLICIT_LE, DataSet.explicitLittleEndian().undefined(0x00100010, "UT"))))
                .as("UT of undefined length").isEqualTo(Reason.MALFORMED);
        assertThat(reason(Part10.file(EXPLICIT_LE, DataSet.explicitLittleEndian()
                .undefined(0x00081140, "SQ").item().sequenceDelimiter())))
                .as("sequence delimiter inside an item").isEqualTo(Reason.MALFORMED);
        assertThat(reason(Part10.file(EXPLICIT_LE, DataSet.explicitLittleEndian()
                .undefined(0x00081140, "SQ").text(0x00100010, "PN", "Not^An^Item"))))
                .as("element where an item belongs").isEqualTo(Reason.MALFORMED);
        assertThat(reason(Part10.file(EXPLICIT_LE, DataSet.explicitLittleEndian().text(0x00100010, "XX", "Unknown^VR"))))
                .as("unknown VR").isEqualTo(Reason.MALFORMED);
    }

    @Test
    void spotsDicomdirsWithoutTheirSopClassInTheMetaInformation() {
        DataSet dataSet = DataSet.explicitLittleEndian().text(0x00041130, "CS", "FILESET")
                .undefined(0x00041220, "SQ").item().itemDelimiter().sequenceDelimiter();
        assertThat(reason(Part10.file(EXPLICIT_LE, "1.2.3", dataSet.bytes()))).isEqualTo(Reason.DICOMDIR);
        assertThat(reason(Part10.file(EXPLICIT_LE, DicomHeaderReader.MEDIA_STORAGE_DIRECTORY_STORAGE, new byte[0])))
                .isEqualTo(Reason.DICOMDIR);
    }

    @Test
    void aPreambleAloneIsTruncated() {
        byte[] bytes = Arrays.copyOf(new byte[128], 132);
        System.arraycopy("DICM".getBytes(StandardCharsets.US_ASCII), 0, bytes, 128, 4);
        assertThat(reason(bytes)).isEqualTo(Reason.TRUNCATED);
    }

    @Test
    void leavesTheStreamOpen() throws IOException {
        boolean[] closed = {false};
        InputStream stream = new FilterInputStream(new ByteArrayInputStream(DicomFixtures.bytes("sc-rle.dcm"))) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        DicomHeaderReader.read(stream);
        assertThat(closed[0]).isFalse();
    }

    // ---- bare data sets (no preamble, no file meta information) -------------------------------------------------

    /** The fixture's data set without its preamble and meta information reads as the file does, but for part10. */
    @ParameterizedTest
    @ValueSource(strings = {"latin1-implicit-le.dcm", "latin1-explicit-le.dcm", "latin1-explicit-be.dcm",
        "utf8-sr-no-pixel-data.dcm", "utf8-sr-implicit-padded.dcm", "pydicom-MR_small_implicit.dcm", "pydicom-MR_small_bigendian.dcm"})
    void readsABareDataSetAsTheFileItWasCutFrom(String fixture) throws IOException {
        byte[] file = DicomFixtures.bytes(fixture);
        int start = dataSetStart(file);
        byte[] bare = Arrays.copyOfRange(file, start, file.length);
        DicomHeader part10 = DicomHeaderReader.read(DicomFixtures.file(fixture));
        DicomHeader expected = new DicomHeader(false, part10.transferSyntaxUid(), part10.sopClassUid(), part10.sopInstanceUid(),
                part10.studyInstanceUid(), part10.seriesInstanceUid(), part10.patientId(), part10.patientName(), part10.studyDate(),
                part10.studyDescription(), part10.seriesDescription(), part10.modality(), part10.seriesNumber(),
                part10.instanceNumber(), part10.specificCharacterSet(), part10.headerBytes() - start);

        assertThat(DicomHeaderReader.read(new ByteArrayInputStream(bare))).isEqualTo(expected);
        assertThat(DicomHeaderReader.read(new DicomHeaderReaderFixturesTest.Dribble(new ByteArrayInputStream(bare))))
                .isEqualTo(expected);
        DicomFormatException strict = catchThrowableOfType(DicomFormatException.class,
                () -> DicomHeaderReader.readWholeFile(new ByteArrayInputStream(bare)));
        assertThat(strict.reason()).as("a decision takes Part-10 files only").isEqualTo(Reason.NOT_DICOM);

        byte[] wrapped = concat(FileMetaInformation.of(expected.sopClassUid(), expected.sopInstanceUid(),
                expected.transferSyntaxUid()), bare);
        assertThat(DicomHeaderReader.readWholeFile(new ByteArrayInputStream(wrapped)))
                .usingRecursiveComparison().ignoringFields("headerBytes").isEqualTo(part10);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"0x00080016|SOP Class UID (0008,0016)", "0x00080018|SOP Instance UID (0008,0018)",
        "0x0020000D|Study Instance UID (0020,000D)"})
    void aBareDataSetMustNameItsInstanceAndStudy(String tag, String name) {
        int missing = Integer.decode(tag);
        DataSet dataSet = DataSet.explicitLittleEndian().text(0x00080005, "CS", "ISO_IR 100");
        if (missing != 0x00080016) {
            dataSet.uid(0x00080016, Part10.SECONDARY_CAPTURE);
        }
        if (missing != 0x00080018) {
            dataSet.uid(0x00080018, "1.2.3.4.5");
        }
        dataSet.text(0x00100020, "LO", "NO-UID");
        if (missing != 0x0020000D) {
            dataSet.uid(0x0020000D, "1.2.3.4");
        }

        DicomFormatException error = failure(dataSet.bytes());

        assertThat(error.reason()).isEqualTo(Reason.NOT_DICOM);
        assertThat(error.getMessage()).isEqualTo(
                "not a DICOM file: no DICM marker at byte 128, and what starts like a data set has no valid " + name);
    }

    @Test
    void aBareDataSetsUidsMustBeValid() { // they go into the file meta information
        DataSet dataSet = DataSet.explicitLittleEndian().uid(0x00080016, Part10.SECONDARY_CAPTURE)
                .uid(0x00080018, "1." + "2".repeat(64)).uid(0x0020000D, "1.2.3.4");

        assertThat(failure(dataSet.bytes()).getMessage()).isEqualTo(
                "not a DICOM file: no DICM marker at byte 128, and what starts like a data set has no valid SOP Instance UID (0008,0018)");
    }

    @Test
    void aFileThatOnlyStartsLikeADataSetIsNotDicom() {
        byte[] garbage = new byte[300];
        new Random(13).nextBytes(garbage);
        byte[] explicit = concat(DataSet.explicitLittleEndian().text(0x00080005, "CS", "ISO_IR 100").bytes(), garbage);
        byte[] implicit = concat(new byte[] {0x08, 0, 0x16, 0, 0x10, 0x27, 0, 0}, garbage); // (0008,0016), 10,000 bytes

        DicomFormatException cannotBeRead = failure(explicit);
        DicomFormatException cut = failure(implicit);

        assertThat(cannotBeRead.reason()).isEqualTo(Reason.NOT_DICOM);
        assertThat(cannotBeRead.getMessage()).startsWith("not a DICOM file: no DICM marker at byte 128, and what starts like a"
                + " data set cannot be read (malformed DICOM file: ");
        assertThat(cut.reason()).isEqualTo(Reason.NOT_DICOM);
        assertThat(cut.getMessage()).isEqualTo(
                "not a DICOM file: no DICM marker at byte 128, and what starts like a data set ends inside an element");
        assertThat(reason(Arrays.copyOfRange(explicit, 0, 7))).as("shorter than a tag, VR and length").isEqualTo(Reason.NOT_DICOM);
    }

    /** Compressed pixel data could not be sent: without file meta information nothing tells which compression it is. */
    @Test
    void aBareDataSetWithCompressedPixelDataIsUnsupported() {
        byte[] file = DicomFixtures.bytes("sc-jpeg-baseline.dcm");

        DicomFormatException error = failure(Arrays.copyOfRange(file, dataSetStart(file), file.length));

        assertThat(error.reason()).isEqualTo(Reason.UNSUPPORTED);
        assertThat(error.getMessage()).isEqualTo("unsupported transfer syntax: a bare data set with compressed (encapsulated)"
                + " pixel data, and no file meta information to tell the compression");
    }

    // ---- robustness ----------------------------------------------------------------------------------------------

    /** Random bytes, with and without a valid preamble and meta information: a header or DicomFormatException. */
    @Test
    void randomBytesOnlyEverGiveDicomFormatException() {
        byte[] validStart = Arrays.copyOf(DicomFixtures.bytes("latin1-explicit-le.dcm"), 500);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            Random random = new Random(20240315);
            for (int i = 0; i < 20_000; i++) {
                byte[] bytes = new byte[random.nextInt(1500)];
                random.nextBytes(bytes);
                switch (i % 3) {
                    case 1 -> {
                        if (bytes.length >= 132) {
                            System.arraycopy("DICM".getBytes(StandardCharsets.US_ASCII), 0, bytes, 128, 4);
                        }
                    }
                    case 2 -> System.arraycopy(validStart, 0, bytes, 0, Math.min(bytes.length, 340));
                    default -> {
                    }
                }
                readOrFormatException(bytes, "random #" + i);
            }
        });
    }

    /** Every readable fixture with random bytes changed and cut: a header or DicomFormatException, quickly. */
    @Test
    void damagedFixturesOnlyEverGiveDicomFormatException() throws IOException {
        List<String> fixtures = DicomFixtures.readable().toList();
        assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
            Random random = new Random(42);
            for (String fixture : fixtures) {
                byte[] original = DicomFixtures.bytes(fixture);
                int header = (int) Math.min(original.length, DicomHeaderReader.read(DicomFixtures.file(fixture))
                        .headerBytes() + 64);
                for (int i = 0; i < 300; i++) {
                    byte[] bytes = original.clone();
                    for (int flips = 1 + random.nextInt(6); flips > 0; flips--) {
                        int at = 128 + random.nextInt(header - 128);
                        bytes[at] = random.nextInt(4) == 0 ? (byte) 0xFF : (byte) random.nextInt(256);
                    }
                    if (random.nextInt(4) == 0) {
                        bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
                    }
                    readOrFormatException(bytes, fixture + " damaged #" + i);
                }
            }
        });
    }

    private static void readOrFormatException(byte[] bytes, String what) {
        try {
            DicomHeaderReader.read(new ByteArrayInputStream(bytes));
        } catch (DicomFormatException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        } catch (Throwable unexpected) {
            fail(what + ": " + unexpected, unexpected);
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private static DicomFormatException failure(byte[] bytes) {
        DicomFormatException error = catchThrowableOfType(DicomFormatException.class,
                () -> DicomHeaderReader.read(new ByteArrayInputStream(bytes)));
        assertThat(error).as("DicomFormatException").isNotNull();
        return error;
    }

    private static Reason reason(byte[] bytes) {
        return failure(bytes).reason();
    }

    /** Where the data set of a Part-10 file starts: after the preamble, "DICM" and the (0002,0000) group length's group. */
    private static int dataSetStart(byte[] file) {
        return 144 + ByteBuffer.wrap(file, 140, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static final class CountingStream extends FilterInputStream {
        long bytesRead;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            bytesRead += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            bytesRead += Math.max(n, 0);
            return n;
        }
    }
}
