import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

// Deterministic benchmark workloads: news-like text (paragraphs, quotes, Arabic names,
// emoji) with spans of every label, some nested in or crossing another span (10%; 70% in
// the dense workload D), as a native export (the app's own import path reads it).

export type Size = 'S' | 'M' | 'L' | 'D';
export const sizes: Record<Size, { chars: number; spans: number; overlapping: number }> = {
  S: { chars: 5_000, spans: 100, overlapping: 0.1 },
  M: { chars: 100_000, spans: 1_000, overlapping: 0.1 },
  L: { chars: 1_000_000, spans: 10_000, overlapping: 0.1 },
  // Dense: 10,000 spans in 100,000 characters, most of them over or inside another.
  D: { chars: 100_000, spans: 10_000, overlapping: 0.7 },
};

/** mulberry32: a small seeded generator, so every run measures the same workload. */
function generator(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const people = ['Dr. Layla Haddad', 'ليلى حداد', 'Omar Farouk', 'عمر الفاروق', 'Zoë Fernández', 'Minister Tomás Ibarra', 'Amira Nasser', 'Chen Wei'];
const bodies = ['the Valmera Water Authority', 'the city council', 'the auditors', 'the ministry', 'the university survey team'];
const verbs = ['said', 'claimed', 'argued', 'told reporters', 'wrote in a statement'];
const facts = [
  'leaks fell from 38 percent to 24 percent over two years',
  'the budget grew by 12% 📈 while spending on pipes was flat',
  'more than 12,000 meters were installed in the old town 💧',
  'outages in the eastern districts dropped by a third',
  'the comparison starts in a drought year',
  'the figures have not been checked by independent auditors',
];

function sentence(random: () => number) {
  const pick = <T,>(list: T[]) => list[Math.floor(random() * list.length)];
  switch (Math.floor(random() * 4)) {
    case 0:
      return `“${pick(facts)[0].toUpperCase()}${pick(facts).slice(1)},” ${pick(people)} ${pick(verbs)}.`;
    case 1:
      return `According to ${pick(bodies)}, ${pick(facts)}.`;
    case 2:
      return `${pick(people)} ${pick(verbs)} that ${pick(facts)}, a claim ${pick(bodies)} disputed 🤔.`;
    default:
      return `${pick(bodies)[0].toUpperCase()}${pick(bodies).slice(1)} said ${pick(facts)}.`;
  }
}

/** The article text: paragraphs of 3–6 sentences until `chars` code points. */
function article(chars: number, random: () => number) {
  const paragraphs: string[] = [];
  let length = 0;
  while (length < chars) {
    const count = 3 + Math.floor(random() * 4);
    const paragraph = Array.from({ length: count }, () => sentence(random)).join(' ');
    paragraphs.push(paragraph);
    length += Array.from(paragraph).length + 2;
  }
  return Array.from(paragraphs.join('\n\n')).slice(0, chars).join('').trimEnd();
}

const labels = ['Claim', 'Quote', 'Source'];

/** The workload of `size` as a native export (JSON text). */
export function workload(size: Size): string {
  const { chars, spans: count, overlapping } = sizes[size];
  const random = generator(0xa11ce + chars + count);
  const text = article(chars, random);
  const points = Array.from(text);
  // Most in their own slots; the others nested in or crossing the span of another slot.
  const base = Math.round(count * (1 - overlapping));
  const slot = Math.floor(points.length / base);
  const ranges: [number, number][] = [];
  for (let i = 0; i < base; i += 1) {
    const start = i * slot + Math.floor(random() * (slot / 3));
    const end = Math.min(start + 8 + Math.floor(random() * (slot / 2)), (i + 1) * slot);
    ranges.push([start, end]);
  }
  // Each range once (an import keeps one span per range and label).
  const seen = new Set(ranges.map(([start, end]) => `${start},${end}`));
  for (let i = 0; ranges.length < count && i < count * 20; i += 1) {
    const [start, end] = ranges[Math.floor(random() * base)];
    const from = start + Math.floor((end - start) * random() / 2);
    const candidate = (i % 2 === 0
      ? [from, end - 1 - Math.floor(random() * 3)]
      : [from, Math.min(end + Math.floor(random() * slot), points.length)]) as [number, number];
    const key = `${candidate[0]},${candidate[1]}`;
    if (candidate[1] - candidate[0] < 2 || seen.has(key)) continue;
    seen.add(key);
    ranges.push(candidate);
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  // UTF-16 offsets from a running prefix (one pass, not one slice per span).
  const prefix = new Int32Array(points.length + 1);
  for (let i = 0; i < points.length; i += 1) prefix[i + 1] = prefix[i] + points[i].length;
  const time = '2026-11-24T10:00:00.000Z';
  const spans = ranges.map(([start, end], i) => ({
    id: `s${i}`,
    label: labels[i % 3],
    start,
    end,
    text: points.slice(start, end).join(''),
    utf16_start: prefix[start],
    utf16_end: prefix[end],
    created: time,
    modified: time,
    note: '',
    attributes: {},
  }));
  const quotes = spans.filter((span) => span.label === 'Quote');
  const sources = spans.filter((span) => span.label === 'Source');
  const relations = quotes.slice(0, Math.floor(quotes.length / 10)).map((quote, i) => ({
    id: `r${String(i).padStart(6, '0')}`,
    kind: 'said_by',
    from: quote.id,
    to: sources[i % sources.length].id,
  }));
  const example = JSON.parse(readFileSync(resolve(__dirname, '../../docs/example-export.json'), 'utf8'));
  return JSON.stringify({
    format: 'article-annotator',
    format_version: 1,
    app_version: '0.1.0',
    offset_unit: 'codepoint',
    document: {
      id: `bench-${size}`,
      title: `Benchmark ${size}: ${chars.toLocaleString('en')} characters, ${count.toLocaleString('en')} spans`,
      source: null,
      text,
      text_sha256: createHash('sha256').update(text, 'utf8').digest('hex'),
      length: points.length,
      utf16_length: text.length,
    },
    labels: example.labels,
    links: example.links,
    spans,
    relations,
  });
}

/** Issue "agreement and adjudication"'s scale: `annotators` annotators' native JSONL files
 *  of the same `articles` articles (600 words each), each with about `spans` spans: a
 *  shared set of which every annotator drops a tenth and moves a tenth's start by one. */
export function agreementFiles(annotators = 5, articles = 500, spans = 100) {
  const random = generator(0xa9ee);
  const below = (n: number) => Math.floor(random() * n);
  const words = 'the council said leaks fell 34% in two years according to the report'.split(' ');
  const labels = ['Claim', 'Quote', 'Source'];
  const shared = Array.from({ length: articles }, (_, at) => {
    const text = Array.from({ length: 600 }, () => words[below(words.length)]).join(' ');
    const gold = Array.from({ length: spans }, () => {
      const start = below(text.length - 40);
      return { label: labels[below(3)], start, end: start + 1 + below(40) };
    });
    return { at, text, gold };
  });
  return Array.from({ length: annotators }, (_, annotator) => {
    const lines = shared.map(({ at, text, gold }) => JSON.stringify({
      format: 'article-annotator',
      format_version: 1,
      app_version: '0.1.0',
      offset_unit: 'codepoint',
      document: {
        id: `article-${at}`,
        title: `Article ${at}`,
        source: null,
        text,
        text_sha256: createHash('sha256').update(text, 'utf8').digest('hex'),
        length: text.length,
        utf16_length: text.length,
      },
      labels: [],
      links: [],
      spans: gold.filter(() => below(10) > 0).map(({ label, start, end }, i) => {
        const from = start + (below(10) === 0 ? 1 : 0);
        return {
          id: `s${i}`, label, start: from, end, text: text.slice(from, end), utf16_start: from, utf16_end: end,
          created: '2026-01-01T00:00:00.000Z', modified: '2026-01-01T00:00:00.000Z', note: '', attributes: {},
        };
      }),
      relations: [],
    }));
    return { name: `annotator-${annotator + 1}.annotations.jsonl`, mimeType: 'application/json', buffer: Buffer.from(`${lines.join('\n')}\n`) };
  });
}
