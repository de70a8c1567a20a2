import { pipeline } from 'node:stream/promises';
import type { Response } from 'express';
import { Certificate } from './certificate.entity';
import { CertificatesService } from './certificates.service';

/**
 * Sends a certificate's PDF as pdfkit writes it, never stored: the API's
 * downloads and the attendee's and presenter's pages alike.
 */
export async function sendCertificatePdf(certificates: CertificatesService, res: Response, certificate: Certificate): Promise<void> {
  const pdf = await certificates.pdf(certificate);
  res.setHeader('Content-Type', 'application/pdf');
  res.setHeader('Content-Disposition', `attachment; filename="certificate-${certificate.code}.pdf"`);
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  await pipeline(pdf, res);
}
