package dev.mailroom.cli.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

    @Test
    void writesJsonThatAParserReadsBackUnchanged() throws Exception {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("text", "quote \" backslash \\ newline \n tab \t control \u0001 separator \u2028 中文 §");
        document.put("number", 550);
        document.put("flag", true);
        document.put("nothing", null);
        document.put("empty", List.of());
        document.put("nested", List.of(Map.of("code", "5.7.1"), List.of("a", "b")));

        String json = JsonWriter.write(document);

        Map<String, Object> parsed = new ObjectMapper().readValue(json, new TypeReference<Map<String, Object>>() { });
        assertThat(parsed).isEqualTo(document);
        assertThat(json).contains("\\u0001", "\\u2028").endsWith("}\n");
    }

    @Test
    void refusesValuesItCannotRepresent() {
        assertThatThrownBy(() -> JsonWriter.write(Map.of("when", new Object()))).isInstanceOf(IllegalArgumentException.class);
    }
}
