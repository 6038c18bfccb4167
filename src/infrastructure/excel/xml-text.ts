/**
 * The little XML the `.xlsx` reader needs, by hand: no DTD is ever read, so no entity is expanded
 * but the five predefined ones and character references; any other `&name;` stays as written.
 */
const ENTITY = /&(?:#x([0-9a-fA-F]{1,6})|#([0-9]{1,7})|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeXml(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(ENTITY, (m, hex: string | undefined, dec: string | undefined, name) => {
    if (name) return NAMED[name as string]!;
    const code = hex ? parseInt(hex, 16) : Number(dec);
    return code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}

const ATTR = /([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** Attributes of one start tag (`<sheet name="A" r:id="rId1"/>`), values decoded. */
export function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(ATTR)) out[m[1]!] = decodeXml(m[2] ?? m[3] ?? '');
  return out;
}

/** Start tags of elements with this local name, whatever their namespace prefix. */
export function startTags(xml: string, localName: string): string[] {
  const re = new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${localName}(?=[\\s/>])[^>]*>`, 'g');
  return xml.match(re) ?? [];
}

/**
 * The namespace prefix (`x:` or '') of the document's root element with this local name: some
 * writers (the OpenXML SDK) prefix every element.
 */
export function rootPrefix(head: string, localName: string): string | null {
  const m = new RegExp(`<([A-Za-z_][\\w.-]*:)?${localName}[\\s/>]`).exec(head);
  return m ? (m[1] ?? '') : null;
}

/** True when the char code ends an element name: white space, `>` or `/`. */
export function endsName(c: number): boolean {
  return c === 32 || c === 62 || c === 47 || c === 10 || c === 13 || c === 9;
}

/** True when `xml` has the element name `name` (prefix included) right after the `<` at `lt`. */
export function isTag(xml: string, lt: number, name: string): boolean {
  return xml.startsWith(name, lt + 1) && endsName(xml.charCodeAt(lt + 1 + name.length));
}

/**
 * Concatenated text of the `<t>` elements in [from, to) of `xml`, skipping phonetic runs (`<rPh>`):
 * the plain text of a shared string item or an inline string, rich text runs joined. Steps from tag
 * to tag inside the range only, never searching past it.
 */
export function runsText(xml: string, from: number, to: number, p: string): string {
  const t = `${p}t`;
  const ph = `${p}rPh`;
  let out = '';
  let pos = from;
  for (;;) {
    const lt = xml.indexOf('<', pos);
    if (lt < 0 || lt >= to) break;
    if (isTag(xml, lt, t)) {
      const gt = xml.indexOf('>', lt);
      if (gt < 0 || gt >= to) break;
      if (xml.charCodeAt(gt - 1) === 47) {
        pos = gt + 1;
        continue;
      }
      const end = xml.indexOf('<', gt);
      if (end < 0 || end > to) break;
      out += xml.slice(gt + 1, end);
      pos = end + 1;
    } else if (isTag(xml, lt, ph)) {
      const end = xml.indexOf(`</${ph}>`, lt);
      if (end < 0 || end >= to) break;
      pos = end + ph.length + 3;
    } else {
      pos = lt + 1;
    }
  }
  return decodeXml(out);
}
