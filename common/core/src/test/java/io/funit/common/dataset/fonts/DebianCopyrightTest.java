package io.funit.common.dataset.fonts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DebianCopyrightTest {
  @TempDir
  Path temp;

  @Test
  void takesTheFontsLicencesAndLeavesOutThePackaging() throws IOException {
    Path file = temp.resolve("copyright");
    Files.writeString(file, """
        Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
        Upstream-Name: aenigma

        Files: *
        Copyright: 2008 Brian Kent
        License: madduck-special-license
         You may redistribute and modify these fonts.

        Files: extra/*
        License: OFL-1.1

        Files: debian/*
        License: GPL-2+

        License: GPL-2+
         The full text is in /usr/share/common-licenses/GPL-2.
        """);
    assertThat(DebianCopyright.licence(file)).isEqualTo("madduck-special-license and OFL-1.1");
  }

  @Test
  void freeFormOrMissingFilesPointAtTheCopyrightFile() throws IOException {
    Path file = temp.resolve("copyright");
    Files.writeString(file, "This package was debianized by someone.\nLicense: GPL\n");
    assertThat(DebianCopyright.licence(file)).isEqualTo(DebianCopyright.UNKNOWN);
    assertThat(DebianCopyright.licence(temp.resolve("absent"))).isEqualTo(DebianCopyright.UNKNOWN);
  }

  @Test
  void presetsListTheirPackagesAndFiles() {
    FontPreset starter = FontPreset.named(FontPreset.STARTER_300);
    assertThat(starter.files()).hasSize(300);
    assertThat(starter.packages()).hasSize(99).contains("fonts-aenigma");
    assertThat(starter.files().get(0).file()).startsWith("usr/share/fonts/");
    assertThat(FontPreset.named(FontPreset.ALL_LATIN).files()).hasSize(931);
    assertThat(FontPreset.named(FontPreset.CI).allFiles()).isTrue();
  }
}
