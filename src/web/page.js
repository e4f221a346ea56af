// Reads a web page (a saved .html file, pasted rich text) into blocks of text.
//
// The page is parsed with DOMParser into an inert document: it has no browsing context,
// so its scripts never run and its images, styles, fonts and frames are never fetched.
// Only strings leave this file (JSON for `web::page`); no node of the page is ever put
// into the app's document. The article finder is Mozilla's Readability, loaded from the
// app's own origin the first time a page is read.

const LINE_BREAK = '\u2028';

// Elements whose content is never article text.
const SKIP = new Set([
  'head', 'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'frame',
  'object', 'embed', 'canvas', 'video', 'audio', 'picture', 'img', 'map', 'select',
  'option', 'button', 'input', 'textarea', 'dialog', 'link', 'meta',
]);

// Elements that start and end a block of text.
const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details',
  'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3',
  'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre',
  'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);

const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

function hidden(element) {
  return element.hasAttribute('hidden')
    || element.getAttribute('aria-hidden') === 'true'
    || /display\s*:\s*none|visibility\s*:\s*hidden/i.test((element.getAttribute('style') || '').slice(0, 1000));
}

// The blocks of text under `root`, as [kind, text] pairs (kind null for a paragraph).
// The walk uses its own stack, so any depth of nesting is read without recursion.
function blocksOf(root) {
  const blocks = [];
  const depth = { heading: 0, quote: 0, item: 0, code: 0 };
  const kindNow = () => (depth.heading ? 'heading' : depth.code ? 'code'
    : depth.item ? 'item' : depth.quote ? 'quote' : null);
  let text = '';
  let kind = null;
  const flush = () => {
    if (text.trim() !== '') blocks.push([kind, text]);
    text = '';
    kind = null;
  };
  const count = (name, step) => {
    if (HEADINGS.has(name)) depth.heading += step;
    else if (name === 'blockquote') depth.quote += step;
    else if (name === 'li' || name === 'dd' || name === 'dt') depth.item += step;
    else if (name === 'pre') depth.code += step;
  };
  const stack = [[root, false]];
  while (stack.length > 0) {
    const [node, leaving] = stack.pop();
    if (node.nodeType === 3 || node.nodeType === 4) {
      if (text === '') kind = kindNow();
      text += node.data;
      continue;
    }
    if (node.nodeType !== 1) continue;
    const name = node.localName;
    if (leaving) {
      if (BLOCKS.has(name)) flush();
      count(name, -1);
      continue;
    }
    if (SKIP.has(name) || hidden(node)) continue;
    if (name === 'br') {
      if (text === '') kind = kindNow();
      text += depth.code ? '\n' : LINE_BREAK;
      continue;
    }
    if (BLOCKS.has(name)) flush();
    count(name, 1);
    stack.push([node, true]);
    for (let child = node.lastChild; child; child = child.previousSibling) {
      stack.push([child, false]);
    }
  }
  flush();
  return blocks;
}

function content(doc, selector, attribute) {
  const element = doc.querySelector(selector);
  return element ? element.getAttribute(attribute) : null;
}

// Where the page lives, as the page says it: canonical link, og:url, JSON-LD url, and
// the "saved from url" mark browsers write at the top of saved pages.
function urlsOf(doc, html) {
  const urls = [
    content(doc, 'link[rel~="canonical" i]', 'href'),
    content(doc, 'meta[property="og:url" i], meta[name="og:url" i]', 'content'),
  ];
  for (const script of doc.querySelectorAll('script[type="application/ld+json" i]')) {
    try {
      const data = [JSON.parse(script.textContent)].flat();
      for (const item of data) {
        if (item && typeof item.url === 'string') urls.push(item.url);
        const main = item && item.mainEntityOfPage;
        if (main && typeof main === 'object' && typeof main['@id'] === 'string') urls.push(main['@id']);
        if (typeof main === 'string') urls.push(main);
      }
    } catch {
      // Broken JSON-LD says nothing.
    }
  }
  const saved = /<!--\s*saved from url=\(\d+\)(\S+?)\s*-->/i.exec(html.slice(0, 4096));
  if (saved) urls.push(saved[1]);
  return urls.filter((url) => typeof url === 'string' && url.trim() !== '');
}

// Event-handler attributes are taken off every element at once. The document is inert and
// scripting is off in it, so they could not run anyway (and the policy refuses them as the
// parser meets them); this way nothing done with the document later can carry one along.
function disarm(doc) {
  for (const element of doc.getElementsByTagName('*')) {
    for (const name of element.getAttributeNames()) {
      if (name.toLowerCase().startsWith('on')) element.removeAttribute(name);
    }
  }
}

let loading = null;

// Mozilla's Readability, loaded once from the app's origin (allowed by the policy's
// script-src 'self').
function readability() {
  if (globalThis.Readability) return Promise.resolve(globalThis.Readability);
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = new URL('readability.js', document.baseURI).href;
      script.onload = () => resolve(globalThis.Readability);
      script.onerror = () => {
        loading = null;
        script.remove();
        reject(new Error('the article finder (readability.js) could not be loaded'));
      };
      document.head.append(script);
    });
  }
  return loading;
}

// Scripts and styles hold no article text, and images embedded as data: URLs can make a
// saved page (SingleFile and the like) tens of megabytes: they are set aside before the
// page is parsed. This only makes the page smaller; the parse is inert either way.
export function slim(html) {
  // One pass with bounded patterns: hostile input (thousands of unclosed tags) stays linear.
  const open = /<(script|style)\b([^<>]{0,2000})>/gi;
  const kept = [];
  let at = 0;
  for (let found = open.exec(html); found; found = open.exec(html)) {
    const close = new RegExp(`</${found[1]}\\s*>`, 'gi');
    close.lastIndex = open.lastIndex;
    const end = close.exec(html) ? close.lastIndex : html.length;
    kept.push(html.slice(at, found.index));
    // JSON-LD describes the article (headline, author, date, url): it stays. What is cut
    // leaves a space, so the pieces around it never join into a new tag (`<scr` + `ipt>`).
    const jsonLd = /ld\+json/i.test(found[2]) && end - found.index < 1_000_000;
    kept.push(jsonLd ? html.slice(found.index, end) : ' ');
    at = end;
    open.lastIndex = end;
  }
  kept.push(html.slice(at));
  return flattenDeep(withoutDataUrls(kept.join('')));
}

// data: URLs of 256 characters or more become `data:,`. A loop, not a regular expression:
// a greedy pattern over a 50 MB image overflows the regular-expression engine's stack.
function withoutDataUrls(html) {
  const parts = [];
  let at = 0;
  for (let found = html.indexOf('data:'); found !== -1; found = html.indexOf('data:', at)) {
    let end = found + 5;
    for (; end < html.length; end += 1) {
      const code = html.charCodeAt(end);
      // " ' ) < > or whitespace: the end of an attribute value or a CSS url(), quoted or not.
      if (code === 34 || code === 39 || code === 41 || code === 60 || code === 62 || code <= 32) break;
    }
    parts.push(html.slice(at, found), end - found >= 256 ? 'data:,' : html.slice(found, end));
    at = end;
  }
  parts.push(html.slice(at));
  return parts.join('');
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'keygen', 'link',
  'meta', 'param', 'source', 'track', 'wbr']);
// Elements the parser closes by itself: they do not nest without end.
const SELF_CLOSING = new Set(['p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'option', 'optgroup',
  'thead', 'tbody', 'tfoot', 'colgroup', 'caption', 'rb', 'rt', 'rp', 'rtc']);
const MAX_DEPTH = 256;

// Browsers parse deep nesting in quadratic time (100,000 nested <div>s hold the tab for
// half a minute) and attach everything past depth 512 flat anyway. Tags nested deeper
// than 256 are dropped before parsing, text kept: linear, and the same text comes out.
function flattenDeep(html) {
  let depth = 0;
  return html.replace(/<(\/?)([a-zA-Z][\w:-]{0,64})(?![\w:-])([^<>]{0,4000})>/g, (tag, closing, name, rest) => {
    const element = name.toLowerCase();
    if (VOID.has(element) || SELF_CLOSING.has(element) || rest.endsWith('/')) return tag;
    if (closing) {
      const dropped = depth > MAX_DEPTH;
      depth = Math.max(0, depth - 1);
      return dropped ? ' ' : tag;
    }
    depth += 1;
    return depth > MAX_DEPTH ? ' ' : tag;
  });
}

// Decodes a saved page's bytes as browsers do: a byte order mark first, then the charset
// its <meta> names (a UTF-16 label there means UTF-8, as in browsers), else UTF-8.
async function fileText(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const [a, b, c] = bytes;
  let charset = null;
  if (a === 0xef && b === 0xbb && c === 0xbf) charset = 'utf-8';
  else if (a === 0xff && b === 0xfe) charset = 'utf-16le';
  else if (a === 0xfe && b === 0xff) charset = 'utf-16be';
  if (!charset) {
    const head = new TextDecoder('windows-1252').decode(bytes.subarray(0, 4096));
    const declared = /<meta[^>]{0,500}charset\s*=\s*["']?\s*([\w:.-]+)/i.exec(head);
    charset = declared && !/^utf-?16/i.test(declared[1]) ? declared[1] : 'utf-8';
  }
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

// Reads a saved page file; see readPage. The text stays on this side: a page of tens of
// megabytes is slimmed before anything is copied into the app.
export async function readPageFile(file, maxMarkup, maxElements) {
  return readPage(await fileText(file), maxMarkup, maxElements);
}

// Reads a page: metadata, the whole page's blocks, and the article the finder keeps.
// Returns JSON for `web::page::RawPage`; a page whose markup is still larger than
// `maxMarkup` characters once slimmed is not parsed, and `tooLarge` says how large.
export async function readPage(original, maxMarkup, maxElements) {
  const html = slim(original);
  if (html.length > maxMarkup) return JSON.stringify({ tooLarge: html.length });
  let Readability = null;
  let finderNote = null;
  try {
    Readability = await readability();
  } catch (error) {
    finderNote = error.message;
  }
  const doc = new DOMParser().parseFromString(html, 'text/html');
  disarm(doc);
  const page = {
    title: (doc.title || '').trim() || null,
    lang: doc.documentElement.getAttribute('lang'),
    urls: urlsOf(doc, html),
    whole: blocksOf(doc.body || doc.documentElement),
    article: null,
    byline: null,
    published: null,
    siteName: null,
    finderNote,
  };
  const elements = doc.getElementsByTagName('*').length;
  if (Readability && elements > maxElements) {
    page.finderNote = `the page has ${elements.toLocaleString('en')} elements, more than the `
      + `${maxElements.toLocaleString('en')} the article finder reads`;
  } else if (Readability) {
    try {
      const found = new Readability(doc, { serializer: (element) => element }).parse();
      if (found && found.content) {
        page.article = blocksOf(found.content);
        page.title = found.title || page.title;
        page.byline = found.byline;
        page.published = found.publishedTime;
        page.siteName = found.siteName;
        page.lang = found.lang || page.lang;
      }
    } catch (error) {
      page.finderNote = `the article finder stopped: ${error.message}`;
    }
  }
  return JSON.stringify(page);
}

// The HTML of a paste, if it carries any.
export function pastedHtml(event) {
  const data = event.clipboardData;
  if (!data || !Array.from(data.types).includes('text/html')) return null;
  const html = data.getData('text/html');
  return html.trim() === '' ? null : html;
}

// The plain text of a paste.
export function pastedText(event) {
  return event.clipboardData ? event.clipboardData.getData('text/plain') : '';
}
