import { parse } from 'cookie';
import type { RequestHandler } from 'express';
import { LoginService } from './login.service';
import { OrganisersService } from './organisers.service';

/**
 * Lets administrators into server-side tools such as /admin/queues with HTTP
 * Basic (their email and password), their bearer token or, when the caller
 * names it, the cookie holding the same login token (so the dashboard's
 * session opens the tools); others get a 401 challenge, non-administrators a 403.
 */
export function adminBasicAuth(organisers: OrganisersService, logins: LoginService, sessionCookie?: string): RequestHandler {
  const challenge = (res: Parameters<RequestHandler>[1], status: number, detail: string) => {
    if (status === 401) res.setHeader('WWW-Authenticate', 'Basic realm="Plenary administration", charset="UTF-8"');
    res
      .status(status)
      .type('application/problem+json')
      .json({
        type: 'about:blank',
        title: status === 401 ? 'Unauthorized' : 'Forbidden',
        status,
        detail,
      });
  };
  return (req, res, next) => {
    void (async () => {
      const header = req.headers.authorization ?? '';
      let isAdmin: boolean | null = null;
      const basic = /^Basic\s+(\S+)$/i.exec(header);
      const bearer = /^Bearer\s+(\S+)$/i.exec(header);
      if (basic) {
        const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
        const split = decoded.indexOf(':');
        const organiser = split > 0 ? await organisers.verifyCredentials(decoded.slice(0, split), decoded.slice(split + 1)) : null;
        isAdmin = organiser ? organiser.isAdmin : null;
      } else if (bearer) {
        const principal = await logins.verify(bearer[1]);
        isAdmin = principal ? principal.isAdmin : null;
      } else if (sessionCookie) {
        const token = parse(req.headers.cookie ?? '')[sessionCookie];
        const principal = token ? await logins.verify(token) : null;
        isAdmin = principal ? principal.isAdmin : null;
      }
      if (isAdmin === null) return challenge(res, 401, "Sign in with an administrator's email and password");
      if (!isAdmin) return challenge(res, 403, 'Only administrators may see the queues');
      next();
    })().catch(next);
  };
}
