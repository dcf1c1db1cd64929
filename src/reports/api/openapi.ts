import { z } from 'zod';
import { apiErrorSchema, apiReportCreatedSchema, apiReportSchema, apiReportSchemaOut } from './schemas.js';

const json = (schema: z.ZodType, io: 'input' | 'output' = 'output') =>
  z.toJSONSchema(schema, { io, target: 'openapi-3.0' });

let cached: Record<string, any> | null = null;
const extraPaths: Record<string, unknown> = {};

/** Paths other modules serve under /api/v1 with the same keys, added to the document (registered at start-up). */
export function registerApiPaths(paths: Record<string, unknown>): void {
  Object.assign(extraPaths, paths);
  cached = null;
}

/** The OpenAPI 3 description of the reports API, built from the same zod schemas the API validates with. */
export function openApiDocument(baseUrl: string): Record<string, any> {
  if (cached && cached.servers[0].url === baseUrl) return cached;
  const error = (description: string) => ({
    description,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  });
  const keyed = [{ apiKey: [] }];
  cached = {
    openapi: '3.0.3',
    info: {
      title: 'ASB Hub reports API',
      version: '1.0.0',
      description:
        'Partner systems send anti-social behaviour reports into ASB Hub and follow the ones they sent. Each partner system has its own API key (ask the partnership administrator). A key sees only the reports it sent. Open311 GeoReport v2 is also available under /open311/v2/.',
    },
    servers: [{ url: baseUrl }],
    components: {
      securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' } },
      schemas: {
        NewReport: json(apiReportSchema, 'input'),
        ReportCreated: json(apiReportCreatedSchema),
        Report: json(apiReportSchemaOut),
        Error: json(apiErrorSchema),
      },
    },
    paths: {
      '/api/v1/reports': {
        post: {
          summary: 'Send a report',
          description:
            'Routes the report through the service map to the responsible teams and returns its reference. Rate limited per key.',
          security: keyed,
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/NewReport' } } },
          },
          responses: {
            '201': {
              description: 'Report created',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/ReportCreated' } } },
            },
            '400': error('The report is not valid; fields names each problem'),
            '401': error('No API key'),
            '403': error('The API key is not valid or has been revoked'),
            '429': error('Too many requests for this key'),
          },
        },
        get: {
          summary: 'List the reports this key sent',
          security: keyed,
          parameters: [
            { name: 'since', in: 'query', schema: { type: 'string', format: 'date-time' } },
            { name: 'state', in: 'query', schema: { type: 'string', enum: ['open', 'closed'] } },
            {
              name: 'limit',
              in: 'query',
              schema: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
            },
          ],
          responses: {
            '200': {
              description: 'Reports, newest first',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: {
                      reports: { type: 'array', items: { $ref: '#/components/schemas/Report' } },
                    },
                  },
                },
              },
            },
            '400': error('A filter is not valid'),
            '401': error('No API key'),
            '403': error('The API key is not valid'),
          },
        },
      },
      '/api/v1/reports/{reference}': {
        get: {
          summary: 'One report this key sent, with its public updates',
          security: keyed,
          parameters: [
            {
              name: 'reference',
              in: 'path',
              required: true,
              schema: { type: 'string', example: 'ASB-2026-000123' },
            },
          ],
          responses: {
            '200': {
              description: 'The report',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Report' } } },
            },
            '404': error('No report with this reference was sent with this key'),
          },
        },
      },
      '/api/v1/categories': {
        get: {
          summary: 'Categories and place contexts',
          description:
            'The categories reports can be sent under, with their service-level targets, and the place context codes.',
          responses: { '200': { description: 'Categories and place contexts' } },
        },
      },
      ...extraPaths,
    },
  };
  return cached;
}
