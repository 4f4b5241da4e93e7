package org.orthancalbums.core.stow;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.orthancalbums.core.stow.StowResponse.Failed;
import org.orthancalbums.core.stow.StowResponse.FailureReason;
import org.orthancalbums.core.stow.StowResponse.Stored;
import org.orthancalbums.core.stow.StowResponse.WarningReason;

class StowResponseTest {
    private static final String SECONDARY_CAPTURE = "1.2.840.10008.5.1.4.1.1.7";
    private static final String CT = "1.2.840.10008.5.1.4.1.1.2";

    /** What Orthanc 1.12 with DICOMweb 1.20 answers to the upload of one instance. */
    private static final String ORTHANC_ONE_INSTANCE = """
            {"00081190":{"Value":["http://127.0.0.1:8042/dicom-web/studies/1.2.3"],"vr":"UR"},\
            "00081198":{"vr":"SQ"},\
            "00081199":{"Value":[{"00081150":{"Value":["1.2.840.10008.5.1.4.1.1.7"],"vr":"UI"},\
            "00081155":{"Value":["1.2.3.4"],"vr":"UI"},\
            "00081190":{"Value":["http://127.0.0.1:8042/dicom-web/studies/1.2.3/series/1.2.3.5/instances/1.2.3.4"],\
            "vr":"UR"}}],"vr":"SQ"}}""";

    @Test
    void readsOrthancsAnswer() throws IOException {
        StowResponse response = StowResponse.parse(ORTHANC_ONE_INSTANCE.getBytes(UTF_8));
        assertThat(response).isEqualTo(new StowResponse("http://127.0.0.1:8042/dicom-web/studies/1.2.3",
                List.of(new Stored(SECONDARY_CAPTURE, "1.2.3.4",
                        "http://127.0.0.1:8042/dicom-web/studies/1.2.3/series/1.2.3.5/instances/1.2.3.4")),
                List.of()));
        assertThat(response.httpStatus()).isEqualTo(200);
        assertThat(StowResponse.parse(new ByteArrayInputStream(ORTHANC_ONE_INSTANCE.getBytes(UTF_8))))
                .isEqualTo(response);
    }

    @Test
    void readsOrthancsAnswerToAnInstanceOfAnotherStudy() throws IOException {
        // Captured from Orthanc 1.12.7 + DICOMweb 1.20: POST /dicom-web/studies/{another study}, answered with 400.
        String json = """
                {
                	"00080005" :\s
                	{
                		"Value" :\s
                		[
                			"ISO_IR 100"
                		],
                		"vr" : "CS"
                	},
                	"00081198" :\s
                	{
                		"Value" :\s
                		[
                			{
                				"00081150" :\s
                				{
                					"Value" :\s
                					[
                						"1.2.840.10008.5.1.4.1.1.7"
                					],
                					"vr" : "UI"
                				},
                				"00081155" :\s
                				{
                					"Value" :\s
                					[
                						"2.25.131608716712275913124321361561083872788"
                					],
                					"vr" : "UI"
                				},
                				"00081197" :\s
                				{
                					"Value" :\s
                					[
                						272
                					],
                					"vr" : "US"
                				}
                			}
                		],
                		"vr" : "SQ"
                	},
                	"00081199" :\s
                	{
                		"vr" : "SQ"
                	}
                }
                """;
        StowResponse response = StowResponse.parse(json.getBytes(UTF_8));
        assertThat(response).isEqualTo(new StowResponse(null, List.of(), List.of(new Failed(SECONDARY_CAPTURE,
                "2.25.131608716712275913124321361561083872788", FailureReason.PROCESSING_FAILURE.code()))));
        assertThat(response.httpStatus()).isEqualTo(409);
    }

    @Test
    void readsFailuresWithNumericAndTextualReasons() throws IOException {
        String json = """
                {"00081190": {"vr": "UR"},
                 "00081198": {"vr": "SQ", "Value": [
                   {"00081150": {"vr": "UI", "Value": ["1.2.840.10008.5.1.4.1.1.2"]},
                    "00081155": {"vr": "UI", "Value": ["1.2.3.9"]},
                    "00081197": {"vr": "US", "Value": [43264]}},
                   {"00081150": {"vr": "UI", "Value": ["1.2.840.10008.5.1.4.1.1.2"]},
                    "00081155": {"vr": "UI", "Value": ["1.2.3.10"]},
                    "00081197": {"vr": "US", "Value": ["272"]},
                    "00091010": {"vr": "LO", "Value": ["a private attribute we do not know"]}},
                   {"00081197": {"vr": "US", "Value": [49152]}},
                   {"00081150": {"vr": "UI"}, "00081155": {"vr": "UI", "Value": []}}
                 ]},
                 "00081199": {"vr": "SQ", "Value": [
                   {"00081150": {"vr": "UI", "Value": ["1.2.840.10008.5.1.4.1.1.2"]},
                    "00081155": {"vr": "UI", "Value": ["1.2.3.11"]},
                    "00081190": {"vr": "UR", "Value": ["http://h/studies/1/series/2/instances/1.2.3.11"]},
                    "00081196": {"vr": "US", "Value": [45056]}}
                 ]},
                 "00400275": {"vr": "SQ", "Value": [{}]}}
                """;
        StowResponse response = StowResponse.parse(json.getBytes(UTF_8));
        assertThat(response.retrieveUrl()).isNull();
        assertThat(response.failed()).containsExactly(
                new Failed(CT, "1.2.3.9", 0xA900),
                new Failed(CT, "1.2.3.10", 0x0110),
                new Failed(null, null, 0xC000),
                new Failed(null, null, 0x0110)); // no reason given: the generic failure
        assertThat(response.referenced()).containsExactly(
                new Stored(CT, "1.2.3.11", "http://h/studies/1/series/2/instances/1.2.3.11", 0xB000));
        assertThat(response.httpStatus()).isEqualTo(202);
    }

    @Test
    void acceptsAbsentSequencesAnArrayWrapperAndBareValues() throws IOException {
        assertThat(StowResponse.parse("{}".getBytes(UTF_8))).isEqualTo(new StowResponse(null, List.of(), List.of()));
        StowResponse wrapped = StowResponse.parse(("[{\"00081198\":{\"vr\":\"SQ\",\"Value\":[{\"00081150\":\"1.2\","
                + "\"00081155\":{\"vr\":\"UI\",\"Value\":[\"1.3\"]},\"00081197\":290}]}}]").getBytes(UTF_8));
        assertThat(wrapped.failed()).containsExactly(new Failed("1.2", "1.3", 290));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "\"text\"", "{\"00081198\":{\"vr\":\"SQ\",\"Value\":[{\"00081197\":{\"vr\":\"US\","
        + "\"Value\":[\"A900\"]}}]}}", "{not json"})
    void refusesWhatIsNotAResponse(String json) {
        assertThatThrownBy(() -> StowResponse.parse(json.getBytes(UTF_8))).isInstanceOf(IOException.class);
    }

    @Test
    void writesStandardDicomJson() {
        StowResponse response = new StowResponse("http://h/studies/1",
                List.of(new Stored(SECONDARY_CAPTURE, "1.1", "http://h/studies/1/series/2/instances/1.1"),
                        new Stored(SECONDARY_CAPTURE, "1.2", null, WarningReason.ELEMENTS_DISCARDED.code())),
                List.of(new Failed(CT, "1.3", FailureReason.OUT_OF_RESOURCES.code(), "disk full")));
        // Attributes in tag order (PS3.18 §F.2.2), the description left out, an unknown URL without a value.
        assertThat(response.toJson()).isEqualTo("{\"00081190\":{\"vr\":\"UR\",\"Value\":[\"http://h/studies/1\"]},"
                + "\"00081198\":{\"vr\":\"SQ\",\"Value\":[{"
                + "\"00081150\":{\"vr\":\"UI\",\"Value\":[\"1.2.840.10008.5.1.4.1.1.2\"]},"
                + "\"00081155\":{\"vr\":\"UI\",\"Value\":[\"1.3\"]},"
                + "\"00081197\":{\"vr\":\"US\",\"Value\":[42752]}}]},"
                + "\"00081199\":{\"vr\":\"SQ\",\"Value\":[{"
                + "\"00081150\":{\"vr\":\"UI\",\"Value\":[\"1.2.840.10008.5.1.4.1.1.7\"]},"
                + "\"00081155\":{\"vr\":\"UI\",\"Value\":[\"1.1\"]},"
                + "\"00081190\":{\"vr\":\"UR\",\"Value\":[\"http://h/studies/1/series/2/instances/1.1\"]}},{"
                + "\"00081150\":{\"vr\":\"UI\",\"Value\":[\"1.2.840.10008.5.1.4.1.1.7\"]},"
                + "\"00081155\":{\"vr\":\"UI\",\"Value\":[\"1.2\"]},"
                + "\"00081190\":{\"vr\":\"UR\"},"
                + "\"00081196\":{\"vr\":\"US\",\"Value\":[45062]}}]}}");
    }

    @Test
    void readsWhatItWrites() throws IOException {
        StowResponse response = new StowResponse(null,
                List.of(new Stored(CT, "1.1", "http://h/i/1.1", null), new Stored(CT, "1.2", "http://h/i/1.2", 0xB007)),
                List.of(new Failed(null, null, FailureReason.CANNOT_UNDERSTAND.code()),
                        new Failed(CT, "1.4", 0xA901)));
        assertThat(StowResponse.parse(response.toJson().getBytes(UTF_8))).isEqualTo(response);

        StowResponse withDescription = new StowResponse(null, List.of(),
                List.of(new Failed(CT, "1.5", 0x0110, "Orthanc refused the file")));
        assertThat(StowResponse.parse(withDescription.toJson().getBytes(UTF_8)).failed())
                .containsExactly(new Failed(CT, "1.5", 0x0110, null));

        StowResponse empty = new StowResponse(null, List.of(), List.of());
        assertThat(empty.toJson()).isEqualTo("{\"00081190\":{\"vr\":\"UR\"}}");
        assertThat(StowResponse.parse(empty.toJson().getBytes(UTF_8))).isEqualTo(empty);
    }

    @Test
    void computesTheHttpStatusOfPs318() {
        Stored stored = new Stored(CT, "1.1", null);
        Stored warned = new Stored(CT, "1.2", null, WarningReason.COERCION_OF_DATA_ELEMENTS.code());
        Failed failed = new Failed(CT, "1.3", FailureReason.DATA_SET_DOES_NOT_MATCH_SOP_CLASS.code());
        assertThat(new StowResponse(null, List.of(stored, stored), List.of()).httpStatus()).isEqualTo(200);
        assertThat(new StowResponse(null, List.of(stored, warned), List.of()).httpStatus()).isEqualTo(202);
        assertThat(new StowResponse(null, List.of(stored), List.of(failed)).httpStatus()).isEqualTo(202);
        assertThat(new StowResponse(null, List.of(), List.of(failed, failed)).httpStatus()).isEqualTo(409);
        assertThat(new StowResponse(null, List.of(), List.of()).httpStatus()).isEqualTo(400);
    }

    @Test
    void namesTheStandardFailureReasons() {
        assertThat(FailureReason.of(0xA700)).contains(FailureReason.OUT_OF_RESOURCES);
        assertThat(FailureReason.of(0xA7FF)).contains(FailureReason.OUT_OF_RESOURCES);
        assertThat(FailureReason.of(43264)).contains(FailureReason.DATA_SET_DOES_NOT_MATCH_SOP_CLASS);
        assertThat(FailureReason.of(0xC000)).contains(FailureReason.CANNOT_UNDERSTAND);
        assertThat(FailureReason.of(0xCFFF)).contains(FailureReason.CANNOT_UNDERSTAND);
        assertThat(FailureReason.of(0xC122)).contains(FailureReason.REFERENCED_TRANSFER_SYNTAX_NOT_SUPPORTED);
        assertThat(FailureReason.of(272)).contains(FailureReason.PROCESSING_FAILURE);
        assertThat(FailureReason.of(290)).contains(FailureReason.REFERENCED_SOP_CLASS_NOT_SUPPORTED);
        assertThat(FailureReason.of(0xB00E)).isEmpty();
        assertThat(FailureReason.of(0x0111)).isEmpty();
        assertThat(List.of(FailureReason.values())).extracting(FailureReason::code)
                .containsExactly(42752, 43264, 49442, 49152, 272, 290);

        assertThat(new Failed(CT, "1", 0xA900).reasonText()).isEqualTo("error: data set does not match SOP class");
        assertThat(new Failed(CT, "1", 0xA900, "study UID mismatch").reasonText()).isEqualTo("study UID mismatch");
        assertThat(new Failed(CT, "1", 45070).reasonText()).isEqualTo("failure reason 0xB00E");
    }
}
