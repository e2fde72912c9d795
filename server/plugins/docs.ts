/**
 * OpenAPI 3.1 document generated from the route schemas (@fastify/swagger), served as JSON at
 * `/docs/json` and browsable at `/docs` (@fastify/swagger-ui, files served from node_modules,
 * no CDN). Swagger UI styles elements inline, so /docs alone gets a policy allowing inline styles.
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';

/** The /docs-only Content-Security-Policy: scripts still from 'self' only. */
export const DOCS_CSP =
  "default-src 'self'; script-src 'self'; script-src-attr 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

/** Registers the OpenAPI generator and the docs UI. */
export const docsPlugin = fp<{ version: string }>(
  async (app, opts) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Ngoại giao KB API',
          description:
            'Search, cite and compare Vietnamese news articles and speeches on Vietnam’s diplomacy. ' +
            'Every answer is JSON; errors are `{ error, message }`. Repeat a filter parameter to OR its values (`speaker=a&speaker=b`).',
          version: opts.version,
        },
        tags: [
          { name: 'search', description: 'Full-text search and export' },
          { name: 'records', description: 'Passages, articles, speakers, events' },
          { name: 'analysis', description: 'Comparing events' },
          { name: 'system', description: 'Health' },
          { name: 'admin', description: 'Curating the archive (Authorization: Bearer <admin token>)' },
        ],
        components: {
          securitySchemes: {
            adminToken: { type: 'http', scheme: 'bearer', description: 'ADMIN_TOKEN, or the content of DATA_DIR/admin-token' },
          },
        },
      },
    });
    await app.register(swaggerUi, {
      routePrefix: '/docs',
      uiConfig: { docExpansion: 'list', deepLinking: true, validatorUrl: null },
      staticCSP: DOCS_CSP,
    });
  },
  { name: 'docs', fastify: '5.x' },
);
