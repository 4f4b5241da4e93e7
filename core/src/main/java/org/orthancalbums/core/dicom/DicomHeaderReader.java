package org.orthancalbums.core.dicom;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;
import org.orthancalbums.core.dicom.DicomFormatException.Reason;

/**
 * Reads the identifying attributes of a DICOM Part-10 file (patient, study, series, instance) without reading its
 * pixel data: the 128-byte preamble and "DICM", the file meta information, then the data set's top-level elements up
 * to Pixel Data (7FE0,0010), skipping every value it does not keep.
 *
 * <p>The quick look ({@link #read}) also reads a bare data set, without preamble nor file meta information, as some
 * CDs hold and DCMTK reads, when it starts like one and names its instance and study (see readBareDataSet).
 *
 * <p>Data set encodings: implicit VR little endian, explicit VR little and big endian, deflated explicit VR little
 * endian, and the encapsulated (compressed) transfer syntaxes, whose data set is explicit VR little endian. Sequences
 * and items of undefined length are walked (nested, and with CP-246 for UN of undefined length); defined-length
 * sequences are skipped as a whole since only top-level attributes are kept.
 *
 * <p>Thread-safe: every call uses its own state. Values above {@link #MAX_VALUE_LENGTH} bytes are skipped, never
 * read into memory, so a hostile length cannot make it allocate more than that.
 */
public final class DicomHeaderReader {
    public static final String IMPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2";
    public static final String EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1";
    public static final String EXPLICIT_VR_BIG_ENDIAN = "1.2.840.10008.1.2.2";
    public static final String DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1.99";
    /** Media Storage Directory Storage: the SOP class of a DICOMDIR. */
    public static final String MEDIA_STORAGE_DIRECTORY_STORAGE = "1.2.840.10008.1.3.10";

    /** Longest value read into memory; longer values of the kept attributes are skipped (and reported as absent). */
    public static final int MAX_VALUE_LENGTH = 64 * 1024;
    /** Deepest nesting of sequences of undefined length accepted before a file counts as malformed. */
    static final int MAX_DEPTH = 64;

    private static final int PIXEL_DATA = 0x7FE00010;
    private static final int DIRECTORY_RECORD_SEQUENCE = 0x00041220;
    private static final int ITEM = 0xFFFEE000;
    private static final int ITEM_DELIMITER = 0xFFFEE00D;
    private static final int SEQUENCE_DELIMITER = 0xFFFEE0DD;
    private static final int NO_TAG = 0xFFFFFFFF;
    private static final long UNDEFINED_LENGTH = 0xFFFFFFFFL;
    private static final int BUFFER_SIZE = 8192;

    // Indexes of the kept top-level attributes in values[].
    private static final int CHARACTER_SET = 0;
    private static final int SOP_CLASS = 1;
    private static final int SOP_INSTANCE = 2;
    private static final int STUDY_DATE = 3;
    private static final int MODALITY = 4;
    private static final int STUDY_DESCRIPTION = 5;
    private static final int SERIES_DESCRIPTION = 6;
    private static final int PATIENT_NAME = 7;
    private static final int PATIENT_ID = 8;
    private static final int STUDY_UID = 9;
    private static final int SERIES_UID = 10;
    private static final int SERIES_NUMBER = 11;
    private static final int INSTANCE_NUMBER = 12;
    private static final int FIELDS = 13;

    // Explicit VR kinds, indexed by (first letter - 'A') * 26 + (second letter - 'A').
    private static final byte INVALID_VR = 0;
    private static final byte SHORT_VR = 1; // 2-byte length
    private static final byte LONG_VR = 2;  // 2 reserved bytes + 4-byte length
    private static final byte[] VR_KINDS = new byte[26 * 26];
    private static final int VR_SQ = 'S' << 8 | 'Q';
    private static final int VR_UN = 'U' << 8 | 'N';
    private static final int VR_OB = 'O' << 8 | 'B';
    private static final int VR_OW = 'O' << 8 | 'W';

    static {
        for (String vr : "AE AS AT CS DA DS DT FD FL IS LO LT PN SH SL SS ST TM UI UL US".split(" ")) {
            VR_KINDS[(vr.charAt(0) - 'A') * 26 + vr.charAt(1) - 'A'] = SHORT_VR;
        }
        for (String vr : "OB OD OF OL OV OW SQ SV UC UN UR UT UV".split(" ")) {
            VR_KINDS[(vr.charAt(0) - 'A') * 26 + vr.charAt(1) - 'A'] = LONG_VR;
        }
    }

    private static final Map<String, Charset> CHARSETS = charsets();

    private final Input file;
    private final long fileSize;
    /** Whether to read past the pixel data to the end of the file. */
    private final boolean wholeFile;
    /** Where the pixel data (or what follows it) starts: the end of the header. */
    private long headerEnd = -1;
    private Input in;
    private boolean deflated;
    private boolean inMeta = true;
    private boolean dataSetStarted;
    private final byte[][] values = new byte[FIELDS][];
    private byte[] metaSopClass;
    private byte[] metaSopInstance;
    private byte[] metaTransferSyntax;
    // the element being read
    private int tag = NO_TAG;
    private int vr;
    private long length;
    private long elementOffset;
    // the top-level element being read, for error messages
    private int topLevelTag = NO_TAG;
    // the previous top-level element, to refuse repeated and out-of-order ones
    private int lastTopLevelTag = NO_TAG;

    private DicomHeaderReader(InputStream stream, long fileSize, boolean wholeFile) {
        this.file = new Input(stream);
        this.in = file;
        this.fileSize = fileSize;
        this.wholeFile = wholeFile;
    }

    /** Reads the header of a file (or bare data set); the file is read up to its pixel data only. */
    public static DicomHeader read(Path path) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(path)) {
            return new DicomHeaderReader(Channels.newInputStream(channel), channel.size(), false).parse();
        }
    }

    /**
     * Reads the header of a file, then every top-level element to its end (skipping the pixel data's value), and
     * refuses what DCMTK would read otherwise: an element behind the pixel data that DCMTK would sort in, trailing
     * bytes, a truncated pixel data. For decisions on what a file is (albums-server's ingest), not for a quick look:
     * Part-10 files only, since that is what a STOW-RS part must be.
     */
    public static DicomHeader readWholeFile(Path path) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(path)) {
            return new DicomHeaderReader(Channels.newInputStream(channel), channel.size(), true).parse();
        }
    }

    /** {@link #readWholeFile(Path)} from a stream positioned at the first byte of the file, read to its end. */
    public static DicomHeader readWholeFile(InputStream stream) throws IOException {
        return new DicomHeaderReader(stream, -1, true).parse();
    }

    /**
     * Reads the header of a file (or bare data set) from a stream positioned at its first byte. The stream is not closed
     * and is left somewhere after {@link DicomHeader#headerBytes()}: the reader buffers ahead.
     */
    public static DicomHeader read(InputStream stream) throws IOException {
        return new DicomHeaderReader(stream, -1, false).parse();
    }

    private DicomHeader parse() throws IOException {
        Inflater inflater = null;
        try {
            if (!readPreamble()) {
                String transferSyntax = wholeFile ? null : bareDataSetTransferSyntax();
                if (transferSyntax == null) {
                    int available = file.lim - file.pos;
                    throw notDicom(available == 0 ? " (the file is empty)"
                            : available < 132 ? " (the file has only " + available + " bytes)" : "");
                }
                return readBareDataSet(transferSyntax);
            }
            readMetaInformation();
            String transferSyntax = text(metaTransferSyntax, StandardCharsets.ISO_8859_1);
            if (MEDIA_STORAGE_DIRECTORY_STORAGE.equals(text(metaSopClass, StandardCharsets.ISO_8859_1))) {
                throw dicomdir();
            }
            boolean explicit;
            boolean bigEndian = false;
            if (transferSyntax == null) {
                // No (0002,0010): guess from the first element, as other toolkits do.
                int available = file.fill(6);
                explicit = available >= 6 && vrKind(file.buf[file.pos + 4], file.buf[file.pos + 5]) != INVALID_VR;
                if (explicit) {
                    int littleEndianGroup = (file.buf[file.pos] & 0xFF) | (file.buf[file.pos + 1] & 0xFF) << 8;
                    int bigEndianGroup = (file.buf[file.pos] & 0xFF) << 8 | (file.buf[file.pos + 1] & 0xFF);
                    bigEndian = bigEndianGroup < littleEndianGroup;
                }
            } else {
                switch (transferSyntax) {
                    case IMPLICIT_VR_LITTLE_ENDIAN, "1.2.840.113619.5.2" /* GE private: implicit LE, BE pixels */ ->
                            explicit = false;
                    case EXPLICIT_VR_LITTLE_ENDIAN -> explicit = true;
                    case EXPLICIT_VR_BIG_ENDIAN -> {
                        explicit = true;
                        bigEndian = true;
                    }
                    case DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, "1.2.840.10008.1.2.4.95" /* JPIP Referenced Deflate */ -> {
                        explicit = true;
                        deflated = true;
                    }
                    default -> {
                        if (!isEncapsulated(transferSyntax)) {
                            throw new DicomFormatException(Reason.UNSUPPORTED,
                                    "unsupported transfer syntax " + transferSyntax, file.position());
                        }
                        explicit = true;
                    }
                }
            }
            if (deflated) {
                inflater = new Inflater(true);
                // a small input buffer, so that the file is not read much further than the inflated header
                in = new Input(new InflaterInputStream(file.asStream(), inflater, 512));
            }
            long headerBytes = readDataSet(explicit, bigEndian);
            return header(true, transferSyntax, headerBytes);
        } catch (Eof e) {
            throw truncated();
        } catch (ZipException e) {
            throw new DicomFormatException(Reason.MALFORMED,
                    "malformed DICOM file: corrupt deflated data set (" + e.getMessage() + ")", file.position());
        } finally {
            if (inflater != null) {
                inflater.end();
            }
        }
    }

    /** The compressed transfer syntaxes (JPEG, JPEG-LS, JPEG 2000, HTJ2K, MPEG, HEVC, RLE, ...): explicit VR LE. */
    private static boolean isEncapsulated(String transferSyntax) {
        return transferSyntax.startsWith("1.2.840.10008.1.2.4.") // JPEG family, JPEG-LS, JPEG 2000, JPIP, MPEG, HEVC, HTJ2K
                || transferSyntax.equals("1.2.840.10008.1.2.5")   // RLE Lossless
                || transferSyntax.equals("1.2.840.10008.1.2.1.98") // Encapsulated Uncompressed Explicit VR LE
                || transferSyntax.startsWith("1.2.840.10008.1.2.7.") // SMPTE ST 2110
                || transferSyntax.startsWith("1.2.840.10008.1.2.8."); // Deflated Image Frame Compression
    }

    /** Reads the preamble and "DICM"; false, having read nothing, if the file does not have them. */
    private boolean readPreamble() throws IOException {
        int available = file.fill(132);
        byte[] b = file.buf;
        if (available < 132 || b[128] != 'D' || b[129] != 'I' || b[130] != 'C' || b[131] != 'M') {
            return false;
        }
        file.pos += 132;
        return true;
    }

    /**
     * The transfer syntax of a bare data set starting the file, or null if the file does not start like one. As DCMTK
     * guesses: two letters of a known VR after the first tag mean explicit VR. That first element must be in group
     * 0008, which also tells the byte order: a data set has no group 0002, and an instance's SOP Class UID (0008,0016)
     * comes before any element of a later group.
     */
    private String bareDataSetTransferSyntax() throws IOException {
        if (file.fill(8) < 8) {
            return null;
        }
        byte[] b = file.buf;
        int p = file.pos;
        boolean explicit = vrKind(b[p + 4], b[p + 5]) != INVALID_VR;
        if (b[p] == 0x08 && b[p + 1] == 0) {
            return explicit ? EXPLICIT_VR_LITTLE_ENDIAN : IMPLICIT_VR_LITTLE_ENDIAN;
        }
        return b[p] == 0 && b[p + 1] == 0x08 && explicit ? EXPLICIT_VR_BIG_ENDIAN : null;
    }

    /**
     * A bare data set counts as DICOM only if it reads without error and names its instance and study: a file that
     * merely starts like one stays "not a DICOM file". Its compressed pixel data would be refused: without file meta
     * information nothing tells which compression it is.
     */
    private DicomHeader readBareDataSet(String transferSyntax) throws IOException {
        boolean explicit = !IMPLICIT_VR_LITTLE_ENDIAN.equals(transferSyntax);
        boolean bigEndian = EXPLICIT_VR_BIG_ENDIAN.equals(transferSyntax);
        DicomHeader header;
        boolean pixelData;
        try {
            header = header(false, transferSyntax, readDataSet(explicit, bigEndian));
            pixelData = headerEnd >= 0 && tag == PIXEL_DATA;
            if (pixelData) {
                readLength(explicit, bigEndian); // compressed pixel data has an undefined length
            }
        } catch (Eof e) {
            throw notDicom(", and what starts like a data set ends inside an element");
        } catch (DicomFormatException e) {
            throw notDicom(", and what starts like a data set cannot be read (" + e.getMessage() + ")");
        }
        String missing = !Uids.isValid(header.sopClassUid()) ? "SOP Class UID (0008,0016)"
                : !Uids.isValid(header.sopInstanceUid()) ? "SOP Instance UID (0008,0018)"
                : !Uids.isValid(header.studyInstanceUid()) ? "Study Instance UID (0020,000D)" : null;
        if (missing != null) {
            throw notDicom(", and what starts like a data set has no valid " + missing);
        }
        if (pixelData && length == UNDEFINED_LENGTH) {
            throw new DicomFormatException(Reason.UNSUPPORTED, "unsupported transfer syntax: a bare data set with compressed"
                    + " (encapsulated) pixel data, and no file meta information to tell the compression", header.headerBytes());
        }
        return header;
    }

    /** The (0002,xxxx) group: always explicit VR little endian (implicit VR tolerated, as some old writers did). */
    private void readMetaInformation() throws IOException {
        long groupEnd = -1;
        while (true) {
            int available = file.fill(8);
            if (available < 2) {
                if (available == 0 && file.position() >= groupEnd) {
                    break; // the file has no data set
                }
                throw Eof.INSTANCE;
            }
            int group = (file.buf[file.pos] & 0xFF) | (file.buf[file.pos + 1] & 0xFF) << 8;
            if (group != 0x0002) {
                break;
            }
            boolean explicit = available >= 6 && vrKind(file.buf[file.pos + 4], file.buf[file.pos + 5]) != INVALID_VR;
            readTag(false);
            requireAscending(tag);
            topLevelTag = tag;
            readLength(explicit, false);
            if (length == UNDEFINED_LENGTH) {
                throw malformed("element " + tagString(tag) + " of the file meta information has an undefined length");
            }
            switch (tag) {
                case 0x00020000 -> {
                    if (length == 4) {
                        groupEnd = file.position() + 4 + file.u32(false);
                    } else {
                        skipValue();
                    }
                }
                case 0x00020002 -> metaSopClass = readValue();
                case 0x00020003 -> metaSopInstance = readValue();
                case 0x00020010 -> metaTransferSyntax = readValue();
                default -> skipValue();
            }
        }
        inMeta = false;
        topLevelTag = NO_TAG;
        lastTopLevelTag = NO_TAG; // the data set's order starts afresh
    }

    /** Top-level elements up to Pixel Data; returns headerBytes. */
    private long readDataSet(boolean explicit, boolean bigEndian) throws IOException {
        while (true) {
            topLevelTag = NO_TAG;
            if (in.fill(1) == 0) {
                if (!dataSetStarted) {
                    throw Eof.INSTANCE; // nothing after the file meta information
                }
                // clean end of file after the last element
                return headerEnd >= 0 ? headerEnd : deflated ? file.position() : in.position();
            }
            dataSetStarted = true;
            long offset = in.position();
            int t = readTag(bigEndian);
            if (Integer.compareUnsigned(t, PIXEL_DATA) >= 0 && headerEnd < 0) {
                headerEnd = deflated ? file.position() : offset;
                if (!wholeFile) {
                    return headerEnd;
                }
            }
            requireAscending(t);
            topLevelTag = t;
            readLength(explicit, bigEndian);
            if (t == DIRECTORY_RECORD_SEQUENCE) {
                throw dicomdir();
            }
            if (length == UNDEFINED_LENGTH) {
                readUndefinedLength(explicit, bigEndian, 1);
                continue;
            }
            int field = field(t);
            if (field >= 0) {
                requireIdentityVr(explicit, field);
                values[field] = readValue();
            } else {
                skipValue();
            }
        }
    }

    /**
     * Top-level elements come in ascending tag order, each once (PS3.5 7.1). DCMTK keeps the first of two
     * equal tags and sorts what is out of order; a reader that did otherwise would see another study than
     * Orthanc stores, so such files are refused rather than guessed at.
     */
    private void requireAscending(int t) throws DicomFormatException {
        if (lastTopLevelTag != NO_TAG && Integer.compareUnsigned(t, lastTopLevelTag) <= 0) {
            throw malformed("element " + tagString(t) + " at byte " + elementOffset
                    + (t == lastTopLevelTag ? " appears twice" : " comes after " + tagString(lastTopLevelTag) + " (elements must be in ascending order)"));
        }
        lastTopLevelTag = t;
    }

    /** An identifying element with another VR is another value for DCMTK (US numbers, say): refused. */
    private void requireIdentityVr(boolean explicit, int field) throws DicomFormatException {
        int expected = switch (field) {
            case SOP_INSTANCE, STUDY_UID, SERIES_UID -> 'U' << 8 | 'I';
            case PATIENT_ID -> 'L' << 8 | 'O';
            default -> vr;
        };
        if (explicit && vr != expected) {
            throw malformed("element " + tagString(tag) + " at byte " + elementOffset + " has VR " + (char) (vr >> 8) + (char) (vr & 0xFF)
                    + ", not " + (char) (expected >> 8) + (char) (expected & 0xFF));
        }
    }

    private static int field(int tag) {
        return switch (tag) {
            case 0x00080005 -> CHARACTER_SET;
            case 0x00080016 -> SOP_CLASS;
            case 0x00080018 -> SOP_INSTANCE;
            case 0x00080020 -> STUDY_DATE;
            case 0x00080060 -> MODALITY;
            case 0x00081030 -> STUDY_DESCRIPTION;
            case 0x0008103E -> SERIES_DESCRIPTION;
            case 0x00100010 -> PATIENT_NAME;
            case 0x00100020 -> PATIENT_ID;
            case 0x0020000D -> STUDY_UID;
            case 0x0020000E -> SERIES_UID;
            case 0x00200011 -> SERIES_NUMBER;
            case 0x00200013 -> INSTANCE_NUMBER;
            default -> -1;
        };
    }

    /**
     * The value of the element just read has an undefined length: a sequence, or encapsulated pixel data (e.g. in an
     * Icon Image Sequence), both made of items up to a sequence delimiter. UN of undefined length holds an implicit VR
     * little endian sequence (CP-246).
     */
    private void readUndefinedLength(boolean explicit, boolean bigEndian, int depth) throws IOException {
        if (explicit && vr == VR_UN) {
            readSequence(false, false, depth);
        } else {
            readSequence(explicit, bigEndian, depth);
        }
    }

    private void readSequence(boolean explicit, boolean bigEndian, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw malformed("sequences nested more than " + MAX_DEPTH + " deep at byte " + in.position());
        }
        while (true) {
            long offset = in.position();
            int t = readTag(bigEndian);
            long itemLength = in.u32(bigEndian);
            if (t == ITEM) {
                if (itemLength == UNDEFINED_LENGTH) {
                    readItem(explicit, bigEndian, depth);
                } else {
                    length = itemLength;
                    skipValue();
                }
            } else if (t == SEQUENCE_DELIMITER) {
                return;
            } else {
                throw malformed("expected an item (FFFE,E000) or a sequence delimiter (FFFE,E0DD) at byte "
                        + offset + ", found " + tagString(t) + inTopLevelElement());
            }
        }
    }

    /** The elements of an item of undefined length, up to its item delimiter. */
    private void readItem(boolean explicit, boolean bigEndian, int depth) throws IOException {
        while (true) {
            int t = readTag(bigEndian);
            readLength(explicit, bigEndian);
            if (t == ITEM_DELIMITER) {
                return;
            }
            if (t >>> 16 == 0xFFFE) {
                throw malformed("unexpected " + tagString(t) + " inside an item at byte " + elementOffset
                        + inTopLevelElement());
            }
            if (length == UNDEFINED_LENGTH) {
                readUndefinedLength(explicit, bigEndian, depth + 1);
            } else {
                skipValue();
            }
        }
    }

    private int readTag(boolean bigEndian) throws IOException {
        Input input = in;
        input.require(4);
        byte[] b = input.buf;
        int p = input.pos;
        elementOffset = input.position();
        tag = bigEndian
                ? (b[p] & 0xFF) << 24 | (b[p + 1] & 0xFF) << 16 | (b[p + 2] & 0xFF) << 8 | (b[p + 3] & 0xFF)
                : (b[p + 1] & 0xFF) << 24 | (b[p] & 0xFF) << 16 | (b[p + 3] & 0xFF) << 8 | (b[p + 2] & 0xFF);
        input.pos = p + 4;
        return tag;
    }

    /** VR (explicit VR, except for items and delimiters) and value length of the element whose tag was just read. */
    private void readLength(boolean explicit, boolean bigEndian) throws IOException {
        Input input = in;
        if (!explicit || tag >>> 16 == 0xFFFE) {
            vr = 0;
            length = input.u32(bigEndian);
            return;
        }
        input.require(4);
        byte[] b = input.buf;
        int p = input.pos;
        int kind = vrKind(b[p], b[p + 1]);
        vr = (b[p] & 0xFF) << 8 | (b[p + 1] & 0xFF);
        if (kind == SHORT_VR) {
            length = bigEndian ? (b[p + 2] & 0xFF) << 8 | (b[p + 3] & 0xFF) : (b[p + 2] & 0xFF) | (b[p + 3] & 0xFF) << 8;
            input.pos = p + 4;
        } else if (kind == LONG_VR) {
            input.pos = p + 4;
            length = input.u32(bigEndian);
            if (length == UNDEFINED_LENGTH && vr != VR_SQ && vr != VR_UN && vr != VR_OB && vr != VR_OW) {
                throw malformed("element " + tagString(tag) + " at byte " + elementOffset + " has VR "
                        + (char) b[p] + (char) b[p + 1] + " and an undefined length");
            }
        } else {
            throw malformed(String.format("invalid VR bytes 0x%02X 0x%02X in element %s at byte %d",
                    b[p] & 0xFF, b[p + 1] & 0xFF, tagString(tag), elementOffset));
        }
    }

    private static int vrKind(byte first, byte second) {
        int a = first - 'A';
        int b = second - 'A';
        return a >= 0 && a < 26 && b >= 0 && b < 26 ? VR_KINDS[a * 26 + b] : INVALID_VR;
    }

    /** The value of the current element, or null (skipped) if it is longer than {@link #MAX_VALUE_LENGTH}. */
    private byte[] readValue() throws IOException {
        if (length > MAX_VALUE_LENGTH) {
            skipValue();
            return null;
        }
        checkRemaining();
        byte[] value = new byte[(int) length];
        in.read(value);
        return value;
    }

    private void skipValue() throws IOException {
        checkRemaining();
        in.skip(length);
    }

    /** With a file of known size, a length past its end is found before trying to skip it. */
    private void checkRemaining() throws DicomFormatException {
        if (fileSize >= 0 && !deflated && in.position() + length > fileSize) {
            throw new DicomFormatException(Reason.TRUNCATED, "truncated DICOM file: element " + tagString(tag)
                    + " at byte " + elementOffset + " has a length of " + length + " bytes but the file ends at byte "
                    + fileSize + inTopLevelElement(), fileSize);
        }
    }

    private DicomHeader header(boolean part10, String transferSyntax, long headerBytes) throws DicomFormatException {
        String characterSet = text(values[CHARACTER_SET], StandardCharsets.ISO_8859_1);
        Charset charset = charsetFor(characterSet);
        String sopClass = text(values[SOP_CLASS], StandardCharsets.ISO_8859_1);
        String sopInstance = uid(values[SOP_INSTANCE], 0x00080018);
        // the quick look takes the file meta information's UIDs when the data set lacks them; a decision does not
        boolean fromMeta = !wholeFile;
        return new DicomHeader(part10, transferSyntax,
                sopClass != null || !fromMeta ? sopClass : text(metaSopClass, StandardCharsets.ISO_8859_1),
                sopInstance != null || !fromMeta ? sopInstance : text(metaSopInstance, StandardCharsets.ISO_8859_1),
                uid(values[STUDY_UID], 0x0020000D),
                uid(values[SERIES_UID], 0x0020000E),
                text(values[PATIENT_ID], charset),
                text(values[PATIENT_NAME], charset),
                text(values[STUDY_DATE], StandardCharsets.ISO_8859_1),
                text(values[STUDY_DESCRIPTION], charset),
                text(values[SERIES_DESCRIPTION], charset),
                text(values[MODALITY], StandardCharsets.ISO_8859_1),
                integer(values[SERIES_NUMBER]),
                integer(values[INSTANCE_NUMBER]),
                characterSet,
                headerBytes);
    }

    /**
     * An identifying UID without its padding (leading spaces too, as DCMTK reads it). Anything but digits and dots
     * inside makes readers disagree (a C string ends at a NUL, a backslash separates values, some strip other white
     * space), so such a file is refused.
     */
    private static String uid(byte[] value, int t) throws DicomFormatException {
        String text = text(value, StandardCharsets.ISO_8859_1);
        if (text == null) {
            return null;
        }
        int start = 0;
        while (start < text.length() && text.charAt(start) == ' ') {
            start++;
        }
        String uid = text.substring(start);
        if (!uid.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9')) {
            String what = uid.indexOf('\\') >= 0 ? "holds several values" : "holds characters other than digits and dots";
            throw new DicomFormatException(Reason.MALFORMED, "malformed DICOM file: the UID in " + tagString(t) + " " + what, 0);
        }
        return uid;
    }

    /** The value without its trailing spaces and NULs; null if nothing is left. */
    private static String text(byte[] value, Charset charset) {
        if (value == null) {
            return null;
        }
        int end = value.length;
        while (end > 0 && (value[end - 1] == ' ' || value[end - 1] == 0)) {
            end--;
        }
        return end == 0 ? null : new String(value, 0, end, charset);
    }

    /** An IS value holding a single integer; null otherwise (absent, empty, multi-valued, out of range). */
    private static Integer integer(byte[] value) {
        String text = text(value, StandardCharsets.ISO_8859_1);
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * The Java charset for a Specific Character Set (0008,0005) value. No value or ISO_IR 6 is the default repertoire
     * (US-ASCII); ISO_IR 100/101/109/110/144/127/126/138/148/203 are ISO-8859-1/2/3/4/5/6/7/8/9/15, ISO_IR 192 is
     * UTF-8, GB18030 and GBK are themselves. With ISO 2022 code extensions (several values) the first value that is
     * not the default repertoire wins, except that Japanese (ISO 2022 IR 87/159) decodes as ISO-2022-JP. Anything
     * else: ISO-8859-1, best effort.
     */
    static Charset charsetFor(String specificCharacterSet) {
        if (specificCharacterSet == null) {
            return StandardCharsets.US_ASCII;
        }
        Charset result = null;
        int start = 0;
        while (start <= specificCharacterSet.length()) {
            int end = specificCharacterSet.indexOf('\\', start);
            if (end < 0) {
                end = specificCharacterSet.length();
            }
            String term = specificCharacterSet.substring(start, end).trim();
            if (term.equals("ISO 2022 IR 87") || term.equals("ISO 2022 IR 159")) {
                Charset japanese = CHARSETS.get("ISO 2022 IR 87");
                if (japanese != null) {
                    return japanese;
                }
            }
            Charset charset = CHARSETS.getOrDefault(term, StandardCharsets.ISO_8859_1);
            if (result == null && charset != StandardCharsets.US_ASCII) {
                result = charset;
            }
            start = end + 1;
        }
        return result != null ? result : StandardCharsets.US_ASCII;
    }

    private static Map<String, Charset> charsets() {
        Map<String, Charset> charsets = new HashMap<>();
        charsets.put("", StandardCharsets.US_ASCII);
        charsets.put("ISO_IR 6", StandardCharsets.US_ASCII);
        charsets.put("ISO 2022 IR 6", StandardCharsets.US_ASCII);
        charsets.put("ISO_IR 192", StandardCharsets.UTF_8);
        String[][] isoIr = {{"100", "ISO-8859-1"}, {"101", "ISO-8859-2"}, {"109", "ISO-8859-3"}, {"110", "ISO-8859-4"},
                {"144", "ISO-8859-5"}, {"127", "ISO-8859-6"}, {"126", "ISO-8859-7"}, {"138", "ISO-8859-8"},
                {"148", "ISO-8859-9"}, {"203", "ISO-8859-15"}, {"166", "TIS-620"}};
        for (String[] entry : isoIr) {
            Charset charset = lookup(entry[1]);
            if (charset != null) {
                charsets.put("ISO_IR " + entry[0], charset);
                charsets.put("ISO 2022 IR " + entry[0], charset);
            }
        }
        for (String[] entry : new String[][] {{"GB18030", "GB18030"}, {"GBK", "GBK"}, {"ISO 2022 IR 87", "ISO-2022-JP"}}) {
            Charset charset = lookup(entry[1]);
            if (charset != null) {
                charsets.put(entry[0], charset);
            }
        }
        return Map.copyOf(charsets);
    }

    private static Charset lookup(String name) {
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) { // unsupported in a trimmed-down runtime
            return null;
        }
    }

    private DicomFormatException notDicom(String detail) {
        return new DicomFormatException(Reason.NOT_DICOM, "not a DICOM file: no DICM marker at byte 128" + detail,
                Math.min(file.bytesObtained(), 128));
    }

    private DicomFormatException dicomdir() {
        return new DicomFormatException(Reason.DICOMDIR,
                "DICOMDIR (media storage directory), not an instance: it only indexes other files", file.position());
    }

    private DicomFormatException truncated() {
        long size = file.bytesObtained();
        String where = inMeta ? "inside the file meta information"
                : dataSetStarted ? "inside the data set" : "right after the file meta information, with no data set,";
        String element = topLevelTag != NO_TAG ? ", in element " + tagString(topLevelTag) + "," : "";
        String compressed = deflated ? " (deflated, " + in.bytesObtained() + " bytes inflated)" : "";
        return new DicomFormatException(Reason.TRUNCATED, "truncated DICOM file: it ends " + where + element
                + " after " + size + " bytes" + compressed, size);
    }

    private DicomFormatException malformed(String detail) {
        return new DicomFormatException(Reason.MALFORMED, "malformed DICOM file: " + detail,
                deflated ? file.position() : elementOffset);
    }

    private String inTopLevelElement() {
        return topLevelTag == NO_TAG || topLevelTag == tag ? "" : " (in element " + tagString(topLevelTag) + ")";
    }

    static String tagString(int tag) {
        return String.format("(%04X,%04X)", tag >>> 16, tag & 0xFFFF);
    }

    /** End of input where more was needed; becomes a TRUNCATED {@link DicomFormatException} in {@link #parse()}. */
    private static final class Eof extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final Eof INSTANCE = new Eof();

        private Eof() {
            super("end of input", null, false, false);
        }
    }

    /** A buffered input that knows its position and skips without reading where the stream can. */
    private static final class Input {
        final InputStream stream;
        final byte[] buf = new byte[BUFFER_SIZE];
        int pos;
        int lim;
        long base; // stream offset of buf[0]
        boolean eof;

        Input(InputStream stream) {
            this.stream = stream;
        }

        long position() {
            return base + pos;
        }

        /** Bytes obtained from the stream so far, including those buffered but not consumed yet. */
        long bytesObtained() {
            return base + lim;
        }

        /** Buffers at least n bytes (n at most the buffer size) unless the stream ends first; returns what is buffered. */
        int fill(int n) throws IOException {
            int available = lim - pos;
            if (available >= n || eof) {
                return available;
            }
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, available);
                base += pos;
                pos = 0;
                lim = available;
            }
            while (lim < n) {
                int read;
                try {
                    read = stream.read(buf, lim, buf.length - lim);
                } catch (EOFException e) { // InflaterInputStream: the deflate stream ends before its last block
                    eof = true;
                    throw Eof.INSTANCE;
                }
                if (read < 0) {
                    eof = true;
                    break;
                }
                lim += read;
            }
            return lim - pos;
        }

        void require(int n) throws IOException {
            if (lim - pos < n && fill(n) < n) {
                throw Eof.INSTANCE;
            }
        }

        long u32(boolean bigEndian) throws IOException {
            require(4);
            byte[] b = buf;
            int p = pos;
            pos = p + 4;
            int value = bigEndian
                    ? (b[p] & 0xFF) << 24 | (b[p + 1] & 0xFF) << 16 | (b[p + 2] & 0xFF) << 8 | (b[p + 3] & 0xFF)
                    : (b[p + 3] & 0xFF) << 24 | (b[p + 2] & 0xFF) << 16 | (b[p + 1] & 0xFF) << 8 | (b[p] & 0xFF);
            return value & 0xFFFFFFFFL;
        }

        void read(byte[] target) throws IOException {
            int done = Math.min(lim - pos, target.length);
            System.arraycopy(buf, pos, target, 0, done);
            pos += done;
            while (done < target.length) {
                int n = Math.min(buf.length, target.length - done);
                require(n);
                System.arraycopy(buf, pos, target, done, n);
                pos += n;
                done += n;
            }
        }

        /**
         * Skips n bytes. The stream's own skip does the bulk (a seek for files); the last byte is read, since some
         * streams (FileInputStream) skip past their end without telling.
         */
        void skip(long n) throws IOException {
            int available = lim - pos;
            if (n <= available) {
                pos += (int) n;
                return;
            }
            long remaining = n - available;
            base += lim;
            pos = 0;
            lim = 0;
            while (remaining > 1 && !eof) {
                long skipped;
                try {
                    skipped = stream.skip(remaining - 1);
                } catch (EOFException e) { // InflaterInputStream: the deflate stream ends before its last block
                    eof = true;
                    throw Eof.INSTANCE;
                }
                if (skipped <= 0) {
                    break;
                }
                base += skipped;
                remaining -= skipped;
            }
            while (remaining > 0) { // streams that cannot skip, and the last byte
                int chunk = (int) Math.min(remaining, buf.length);
                require(chunk);
                pos += chunk;
                remaining -= chunk;
            }
        }

        /** The rest of this input (buffered bytes first) as a stream, to inflate a deflated data set. */
        InputStream asStream() {
            return new InputStream() {
                @Override
                public int read() throws IOException {
                    return fill(1) == 0 ? -1 : buf[pos++] & 0xFF;
                }

                @Override
                public int read(byte[] target, int offset, int count) throws IOException {
                    if (count == 0) {
                        return 0;
                    }
                    int available = fill(1);
                    if (available == 0) {
                        return -1;
                    }
                    int n = Math.min(available, count);
                    System.arraycopy(buf, pos, target, offset, n);
                    pos += n;
                    return n;
                }
            };
        }
    }
}
