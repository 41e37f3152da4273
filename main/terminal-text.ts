/**
 * Text from a file (a title, a file name, a reason quoting either) on its way
 * to a terminal. A YAML title, an HTML `<title>` with `&#27;` or raw bytes in
 * a `.txt` can carry ESC and other control characters, which a terminal runs:
 * erase the line, forge a row, write the clipboard (OSC 52), hide a link
 * (OSC 8). Those characters are printed as visible escapes instead, as are
 * the bidirectional overrides that reorder what follows them and the Unicode
 * line separators. `--json` output needs none of this: JSON escapes them.
 */
const unsafeForTerminal = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/gu;

export function terminalText(text: string): string {
  return text.replace(unsafeForTerminal, (character) => {
    const code = character.codePointAt(0) ?? 0;
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}
