import type { Response } from 'express';
import { Certificate } from './certificate.entity';
import { CertificatesService } from './certificates.service';

/** Sends a certificate's PDF, drawn now: the API's downloads and the attendee's and presenter's pages alike. */
export async function sendCertificatePdf(certificates: CertificatesService, res: Response, certificate: Certificate): Promise<void> {
  const pdf = await certificates.render(certificate);
  res.setHeader('Content-Type', 'application/pdf');
  res.setHeader('Content-Disposition', `attachment; filename="certificate-${certificate.code}.pdf"`);
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.send(pdf);
}
