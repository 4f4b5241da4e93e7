package org.orthancalbums.core.stow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContentTypeTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "multipart/related; type=\"application/dicom\"; boundary=abc",
        "multipart/related;boundary=abc;type=application/dicom",
        "Multipart/Related; TYPE=\"application/dicom\"; Boundary=\"abc\"",
        "multipart/related ;\ttype = application/dicom ; boundary = abc ;",
        "multipart/related;;type=\"application\\/dicom\";boundary=\"a\\bc\"",
    })
    void parsesTheSameHeaderWrittenManyWays(String header) {
        ContentType parsed = ContentType.parse(header);
        assertThat(parsed.mediaType()).isEqualTo("multipart/related");
        assertThat(parsed.is("MULTIPART/related")).isTrue();
        assertThat(parsed.boundary()).isEqualTo("abc");
        assertThat(parsed.parameter("Type")).contains("application/dicom");
        assertThat(parsed.parameters()).containsOnlyKeys("type", "boundary");
    }

    @Test
    void keepsParametersInHeaderOrderAndTheBoundaryCase() {
        ContentType parsed = ContentType.parse("multipart/related; boundary=AbC; type=application/dicom; start=\"<1>\"");
        assertThat(parsed.parameters()).containsExactly(Map.entry("boundary", "AbC"),
                Map.entry("type", "application/dicom"), Map.entry("start", "<1>"));
        assertThat(parsed.boundary()).isEqualTo("AbC");
    }

    @Test
    void acceptsQuotedBoundariesWithTheOddCharactersOfRfc2046() {
        assertThat(ContentType.parse("multipart/related;boundary=\"a b:c\";type=application/dicom").boundary())
                .isEqualTo("a b:c");
        String bchars = "0aZ'()+_,-./:=? x";
        assertThat(ContentType.parse("multipart/related; boundary=\"" + bchars + "\"").boundary()).isEqualTo(bchars);
    }

    @Test
    void acceptsTheCommonUnquotedBoundariesThatAreNotTokens() {
        assertThat(ContentType.parse("multipart/related; type=application/dicom; boundary=----=_Part_1").boundary())
                .isEqualTo("----=_Part_1");
        assertThat(ContentType.parse("multipart/related; boundary===============123==; type=application/dicom")
                .boundary()).isEqualTo("==============123==");
    }

    @Test
    void saysWhatIsWrongWithTheBoundary() {
        assertThatThrownBy(() -> ContentType.parse("multipart/related; type=\"application/dicom\"").boundary())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("multipart/related without a boundary");
        assertThatThrownBy(() -> ContentType.parse("application/dicom; boundary=abc").boundary())
                .hasMessage("application/dicom is not a multipart type");
        assertThatThrownBy(() -> ContentType.parse("multipart/related; boundary=\"\"").boundary())
                .hasMessageContaining("1 to 70 characters");
        assertThatThrownBy(() -> ContentType.parse("multipart/related; boundary=" + "b".repeat(71)).boundary())
                .hasMessageContaining("not 71");
        assertThatThrownBy(() -> ContentType.parse("multipart/related; boundary=\"ab \"").boundary())
                .hasMessageContaining("cannot end with a space");
        assertThatThrownBy(() -> ContentType.parse("multipart/related; boundary=\"é\"").boundary())
                .hasMessageContaining("invalid character 0xe9");
        assertThat(ContentType.parse("multipart/related; boundary=" + "b".repeat(70)).boundary()).hasSize(70);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "multipart", "multipart/", "/related", "multi part/related",
        "multipart/related; boundary", "multipart/related; boundary=", "multipart/related; =abc",
        "multipart/related; boundary=\"abc", "multipart/related boundary=abc", "multipart/related; boundary=a b",
        "multipart/related; boundary=a; boundary=b", "multipart/related; BOUNDARY=a; boundary=a",
        "multipart/related; boundary=\"a\rb\""})
    void rejectsMalformedValues(String header) {
        assertThatThrownBy(() -> ContentType.parse(header)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> ContentType.parse(null)).hasMessage("empty Content-Type");
    }

    @Test
    void writesQuotesOnlyWhereNeeded() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("type", "application/dicom");
        parameters.put("boundary", "albums-0123");
        parameters.put("note", "say \"hi\" \\o/");
        ContentType contentType = new ContentType("Multipart", "Related", parameters);
        assertThat(contentType).hasToString(
                "multipart/related; type=\"application/dicom\"; boundary=albums-0123; note=\"say \\\"hi\\\" \\\\o/\"");
        assertThat(ContentType.parse(contentType.toString())).isEqualTo(contentType);
    }
}
