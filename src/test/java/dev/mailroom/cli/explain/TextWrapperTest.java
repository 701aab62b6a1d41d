package dev.mailroom.cli.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class TextWrapperTest {

    @Test
    void wrapsBetweenWordsWithinTheWidth() {
        String text = "The server cannot serve this session now and is closing the connection.";

        List<String> lines = TextWrapper.wrap(text, 20, Locale.ENGLISH);

        assertThat(lines).hasSizeGreaterThan(3).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(20));
        assertThat(String.join(" ", lines)).isEqualTo(text);
    }

    @Test
    void aWordLongerThanTheWidthGetsALineOfItsOwn() {
        List<String> lines = TextWrapper.wrap("a base64 token dXNlckBleGFtcGxlLm9yZw was sent", 12, Locale.ENGLISH);

        assertThat(lines).containsExactly("a base64", "token", "dXNlckBleGFtcGxlLm9yZw", "was sent");
    }

    @Test
    void chineseWrapsBetweenCharactersCountingTwoColumnsEach() {
        String text = "服务器暂时无法处理此会话并正在关闭连接请稍后重试发送邮件";

        List<String> lines = TextWrapper.wrap(text, 20, Locale.CHINESE);

        assertThat(TextWrapper.columns("中文")).isEqualTo(4);
        assertThat(lines).hasSizeGreaterThan(1).allSatisfy(line -> assertThat(TextWrapper.columns(line)).isLessThanOrEqualTo(20));
        assertThat(String.join("", lines)).isEqualTo(text);
    }
}
