// Glyphs of an alphabet sheet and text set from them, as the service's TextSheet lays them out: the sheet is a grid
// of 26 columns of S×S cells with S/8 gaps; a text advances each glyph by its ink's width plus S/10, a space by S/3,
// a tab by four spaces, and a line break starts a new line S + S/8 lower.

const INK = 160;

/** Cuts the alphabet sheet (an Image) into one canvas per character. */
export function sliceGrid(image, characters, size) {
  const gap = Math.max(1, Math.floor(size / 8));
  const columns = Math.min(26, characters.length);
  const glyphs = new Map();
  characters.forEach((character, i) => {
    const canvas = document.createElement('canvas');
    canvas.width = size;
    canvas.height = size;
    canvas.getContext('2d').drawImage(image, gap + (i % columns) * (size + gap),
      gap + Math.floor(i / columns) * (size + gap), size, size, 0, 0, size, size);
    canvas.title = character;
    glyphs.set(character, canvas);
  });
  return glyphs;
}

function inkColumns(canvas) {
  const { width, height } = canvas;
  const data = canvas.getContext('2d', { willReadFrequently: true }).getImageData(0, 0, width, height).data;
  let first = -1;
  let last = -1;
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; y++) {
      if (data[(y * width + x) * 4] < INK) {
        if (first < 0) first = x;
        last = x;
        break;
      }
    }
  }
  return first < 0 ? [Math.floor(width / 4), Math.floor((width * 3) / 4)] : [first, last];
}

/** Sets text with the glyphs on a canvas; characters without a glyph are returned, not drawn. */
export function setText(canvas, text, glyphs, size) {
  const gap = Math.max(1, Math.floor(size / 10));
  const space = Math.max(2, Math.floor(size / 3));
  const margin = Math.max(2, Math.floor(size / 4));
  const lineHeight = size + Math.floor(size / 8);
  const lines = [[]];
  const missing = [];
  let x = 0;
  let widest = 0;
  for (const character of Array.from(text.replace(/\r\n?/g, '\n'))) {
    if (character === '\n') {
      lines.push([]);
      widest = Math.max(widest, x);
      x = 0;
    } else if (/\s/.test(character)) {
      x += character === '\t' ? 4 * space : space;
    } else if (glyphs.has(character)) {
      const glyph = glyphs.get(character);
      const [first, last] = inkColumns(glyph);
      lines[lines.length - 1].push([glyph, x - first]);
      x += last - first + 1 + gap;
    } else {
      missing.push(character);
    }
  }
  widest = Math.max(widest, x);
  canvas.width = Math.max(size, widest) + 2 * margin;
  canvas.height = lines.length * lineHeight + 2 * margin;
  const g = canvas.getContext('2d');
  g.fillStyle = '#fff';
  g.fillRect(0, 0, canvas.width, canvas.height);
  lines.forEach((line, i) => line.forEach(([glyph, gx]) => g.drawImage(glyph, margin + gx, margin + i * lineHeight)));
  return missing;
}
