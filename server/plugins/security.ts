/**
 * Security headers for every response (helmet) with a Content-Security-Policy the web UI
 * satisfies: everything from the app's own origin, no inline script, no plugin, no framing.
 * The API docs at /docs need inline styles and set their own, relaxed policy (plugins/docs.ts).
 * @see https://github.com/fastify/fastify-helmet
 */
import helmet from '@fastify/helmet';
import fp from 'fastify-plugin';

/** The policy of the web UI and the API. */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  scriptSrcAttr: ["'none'"],
  // The app may be served over plain HTTP on a LAN; upgrading would break it there.
  upgradeInsecureRequests: null,
};

/** Registers helmet on the root instance. */
export const securityPlugin = fp(
  async (app) => {
    await app.register(helmet, {
      contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
      // Same-origin API: nothing needs to read it cross-origin.
      crossOriginResourcePolicy: { policy: 'same-origin' },
      // Plain-HTTP local use must keep working; HSTS belongs to the TLS proxy in front.
      strictTransportSecurity: false,
    });
  },
  { name: 'security', fastify: '5.x' },
);
