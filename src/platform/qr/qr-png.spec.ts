import { pixelsUnlikeQrOf } from '../../../test/support/qr-image';
import { qrPng } from './qr-png';

describe('qrPng', () => {
  it('draws the QR code of the text, each module a square of `scale` pixels inside a quiet zone', () => {
    expect(pixelsUnlikeQrOf(qrPng('K7M2Q9XP', 5), 'K7M2Q9XP')).toEqual([]);
    expect(pixelsUnlikeQrOf(qrPng('K7M2Q9XP', 5), 'K7M2Q9XQ')).not.toEqual([]);
  });
});
