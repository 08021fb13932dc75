// XML 1.0 escaping for the junit and checkstyle formats.

/**
 * Text or attribute content, escaped. Characters XML 1.0 cannot carry at all (most C0 controls,
 * U+FFFE, U+FFFF, unpaired surrogates) become U+FFFD; tabs and line breaks are written as character
 * references so that attribute values keep them.
 */
export function escapeXml(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out += s[i] + s[i + 1];
        i++;
      } else {
        out += '\ufffd';
      }
      continue;
    }
    switch (c) {
      case 0x26:
        out += '&amp;';
        break;
      case 0x3c:
        out += '&lt;';
        break;
      case 0x3e:
        out += '&gt;';
        break;
      case 0x22:
        out += '&quot;';
        break;
      case 0x27:
        out += '&apos;';
        break;
      case 0x09:
        out += '&#9;';
        break;
      case 0x0a:
        out += '&#10;';
        break;
      case 0x0d:
        out += '&#13;';
        break;
      default:
        out += c < 0x20 || (c >= 0xdc00 && c <= 0xdfff) || c === 0xfffe || c === 0xffff ? '\ufffd' : s[i];
    }
  }
  return out;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
