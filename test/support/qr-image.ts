import QRCode from 'qrcode';

// The reader `qrcode` itself writes PNGs with; it ships without type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { PNG } = require('pngjs') as { PNG: { sync: { read(png: Buffer): { width: number; height: number; data: Buffer } } } };

/**
 * Whether a PNG shows the QR code of `text` (error correction M, as a scanner
 * at the check-in desk reads it): each module a dark or light square, with a
 * light quiet zone of four modules around it. Answers the pixels that differ.
 */
export function pixelsUnlikeQrOf(png: Buffer, text: string): string[] {
  const image = PNG.sync.read(png);
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const scale = image.width / (modules.size + 8);
  if (!Number.isInteger(scale) || image.height !== image.width) return [`a ${image.width}×${image.height} image`];
  const wrong: string[] = [];
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const [mx, my] = [Math.floor(x / scale) - 4, Math.floor(y / scale) - 4];
      const inside = mx >= 0 && my >= 0 && mx < modules.size && my < modules.size;
      const dark = image.data[(y * image.width + x) * 4] < 128;
      if (dark !== (inside && modules.get(my, mx) === 1)) wrong.push(`${x},${y}`);
    }
  }
  return wrong;
}
