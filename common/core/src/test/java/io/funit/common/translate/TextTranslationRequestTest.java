package io.funit.common.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.funit.common.contract.InvalidRequestException;
import io.funit.common.models.ContentFont;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextTranslationRequestTest {
  private static final List<String> CLASS = List.of("inputs/j/class-0.png");
  private static final ContentFont FONT = new ContentFont("Plain", "ABCabc", "models/m/content-font.png", null);

  @Test
  void aTextIsNormalisedAndItsGlyphsAreItsDistinctNonBlankCharactersInOrder() {
    TranslateRequest request = new TranslateRequest(null, null, CLASS, null, null, "cab\r\nBa\tc\rA", null);
    assertThat(request.text()).isEqualTo("cab\nBa\tc\nA");
    assertThat(request.drawsContent()).isTrue();
    assertThat(request.contentKeys()).isEmpty();
    assertThat(TranslationText.glyphs(request.text())).containsExactly("c", "a", "b", "B", "A");
  }

  @Test
  void exactlyOneKindOfContentIsAccepted() {
    assertThatThrownBy(() -> new TranslateRequest(null, List.of("inputs/j/c.png"), CLASS, null, null, "ab", null))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("exactly one of");
    assertThatThrownBy(() -> new TranslateRequest(null, null, CLASS, null, null, "ab", "alphabet"))
        .hasMessageContaining("exactly one of");
    assertThatThrownBy(() -> new TranslateRequest(null, null, CLASS, null, null, null, null))
        .hasMessageContaining("exactly one of");
    assertThatThrownBy(() -> new TranslateRequest(null, null, CLASS, null, null, null, "greek"))
        .satisfies(e -> assertThat(((InvalidRequestException) e).field()).isEqualTo("charset"));
    assertThat(new TranslateRequest(null, null, CLASS, null, null, null, "alphabet").drawsContent()).isTrue();
  }

  @Test
  void aTextIsBoundedAndHoldsACharacterToDraw() {
    new TranslateRequest(null, null, CLASS, null, null, "x".repeat(TranslationText.MAX_CHARACTERS), null);
    assertThatThrownBy(() -> new TranslateRequest(null, null, CLASS, null, null,
        "x".repeat(TranslationText.MAX_CHARACTERS + 1), null)).hasMessageContaining("at most 256");
    assertThatThrownBy(() -> new TranslateRequest(null, null, CLASS, null, null, " \n\t ", null))
        .hasMessageContaining("not a space");
    assertThatThrownBy(() -> new TranslateRequest(null, null, CLASS, null, null, "ab\u0007", null))
        .hasMessageContaining("position 2").hasMessageContaining("U+0007");
    // a character outside the Basic Multilingual Plane counts once
    assertThat(TranslationText.characters("a\uD83D\uDE00b")).hasSize(3);
  }

  @Test
  void anUncoveredCharacterIsRefusedNamingItsPosition() {
    TranslationText.requireCovered("Ab c\nBA", FONT, "m");
    assertThatThrownBy(() -> TranslationText.requireCovered("Ab cd", FONT, "m"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("position 4").hasMessageContaining("'d' (U+0064)").hasMessageContaining("model m")
        .satisfies(e -> assertThat(((InvalidRequestException) e).field()).isEqualTo("text"));
  }
}
