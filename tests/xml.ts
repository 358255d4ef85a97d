/** A strict little XML reader for tests (workerd has no DOMParser): elements, attributes, text, entities. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const decode = (s: string) =>
  s.replace(/&(\w+);/g, (m, name: string) => {
    if (!(name in ENTITIES)) throw new Error(`unknown entity ${m}`);
    return ENTITIES[name]!;
  });

export function parseXml(source: string): XmlElement {
  let i = source.startsWith("<?xml") ? source.indexOf("?>") + 2 : 0;
  const fail = (why: string): never => {
    throw new Error(`XML: ${why} at ${i}`);
  };
  function element(): XmlElement {
    const open = /^<([A-Za-z][\w.-]*)((?:\s+[A-Za-z][\w.-]*="[^"<]*")*)\s*(\/?)>/.exec(source.slice(i)) ?? fail("expected an element");
    i += open[0].length;
    const attributes: Record<string, string> = {};
    for (const [, key, value] of open[2]!.matchAll(/([A-Za-z][\w.-]*)="([^"]*)"/g)) {
      if (key! in attributes) fail(`duplicate attribute ${key}`);
      attributes[key!] = decode(value!);
    }
    const node: XmlElement = { name: open[1]!, attributes, children: [], text: "" };
    if (open[3]) return node;
    for (;;) {
      if (i >= source.length) fail(`unclosed <${node.name}>`);
      if (source.startsWith("</", i)) {
        const close = /^<\/([A-Za-z][\w.-]*)\s*>/.exec(source.slice(i)) ?? fail("bad closing tag");
        if (close[1] !== node.name) fail(`</${close[1]}> closes <${node.name}>`);
        i += close[0].length;
        return node;
      }
      if (source[i] === "<") node.children.push(element());
      else {
        const end = source.indexOf("<", i);
        const raw = source.slice(i, end < 0 ? source.length : end);
        if (raw.includes(">")) fail("stray >");
        node.text += decode(raw);
        i += raw.length;
      }
    }
  }
  const root = element();
  if (source.slice(i).trim()) fail("content after the root element");
  return root;
}

/** Every element named `name` under `root`, depth first. */
export function findAll(root: XmlElement, name: string): XmlElement[] {
  return [...(root.name === name ? [root] : []), ...root.children.flatMap((child) => findAll(child, name))];
}
