package com.example.support;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoredTextTest {

    @ParameterizedTest
    @ValueSource(
            strings = {"", "plain", "tab\there", "lines\r\n", "\ud83d\ude00", "\u2028\ufeff\uffff", "\udbff\udfff"})
    void acceptsTextThatUtf8AndPostgresHoldExactly(String text) {
        assertThat(StoredText.violation(text, 10), is(Optional.empty()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "a\u0001", "red \u001b[31m", "\u001f", "\u007f", "\u0080", "\u0085", "\u009f"})
    void refusesControlCharactersOtherThanTabAndLineBreaks(String text) {
        assertThat(StoredText.violation(text, 10).orElseThrow(), containsString("control character U+"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\ud800", "a\udfff", "\ude00\ud83d", "\ud83d"})
    void refusesUnpairedSurrogates(String text) {
        assertThat(StoredText.violation(text, 10).orElseThrow(), containsString("unpaired surrogate"));
    }

    @Test
    void countsCharactersNotUtf16Units() {
        assertThat(StoredText.violation("\ud83d\ude00".repeat(10), 10), is(Optional.empty()));
        assertThat(StoredText.violation("\ud83d\ude00".repeat(11), 10).orElseThrow(), containsString("not 11"));
    }
}
