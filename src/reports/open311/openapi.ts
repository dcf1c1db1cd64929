/**
 * The OpenAPI description of the Open311 GeoReport v2 routes and mySociety's extensions. Every route
 * answers in XML or JSON by its extension ({format}); the XML element names are given by `xml`.
 */
const str = (description?: string) => ({ type: 'string', ...(description ? { description } : {}) });
const nullable = (description?: string) => ({ ...str(description), nullable: true });
const obj = (name: string, properties: Record<string, unknown>, required: string[] = []) => ({
  type: 'object',
  xml: { name },
  properties,
  ...(required.length ? { required } : {}),
});
const list = (root: string, item: string) => ({
  type: 'array',
  xml: { name: root, wrapped: true },
  items: { $ref: `#/components/schemas/${item}` },
});

export const open311Schemas: Record<string, unknown> = {
  Open311Service: obj('service', {
    service_code: str(),
    service_name: str(),
    description: str(),
    metadata: { type: 'boolean', description: 'Always true: each service has a definition' },
    type: { type: 'string', enum: ['realtime'] },
    keywords: str('Comma-separated; `private` marks categories about people, kept off public maps'),
    group: str(),
  }),
  Open311Services: list('services', 'Open311Service'),
  Open311Attribute: obj('attribute', {
    variable: { type: 'boolean' },
    code: str('hate_incident, place_context or fixmystreet_id'),
    datatype: { type: 'string', enum: ['string', 'singlevaluelist', 'multivaluelist'] },
    required: { type: 'boolean' },
    datatype_description: str(),
    order: { type: 'integer' },
    description: str(),
    values: {
      type: 'array',
      xml: { name: 'values', wrapped: true },
      items: obj('value', { key: str(), name: str() }),
    },
  }),
  Open311ServiceDefinition: obj('service_definition', {
    service_code: str(),
    attributes: {
      type: 'array',
      xml: { name: 'attributes', wrapped: true },
      items: { $ref: '#/components/schemas/Open311Attribute' },
    },
  }),
  Open311Request: obj('request', {
    service_request_id: str('ASB-YYYY-NNNNNN'),
    status: { type: 'string', enum: ['open', 'closed'] },
    status_notes: nullable(),
    service_name: str(),
    service_code: str(),
    description: nullable('Only to the key that sent the report'),
    agency_responsible: nullable(),
    service_notice: nullable(),
    requested_datetime: str('W3C date-time with offset'),
    updated_datetime: str('W3C date-time with offset'),
    expected_datetime: nullable('W3C date-time with offset'),
    address: nullable('Only "Near <street>" without the sending key'),
    address_id: nullable(),
    zipcode: nullable(),
    lat: { type: 'number', nullable: true, description: 'Rounded to 3 decimals without the sending key' },
    long: { type: 'number', nullable: true },
    media_url: nullable(),
  }),
  Open311Requests: list('service_requests', 'Open311Request'),
  Open311RequestCreated: {
    type: 'array',
    xml: { name: 'service_requests', wrapped: true },
    items: obj('request', { service_request_id: str(), service_notice: nullable(), account_id: nullable() }),
  },
  Open311Update: obj('request_update', {
    update_id: str(),
    service_request_id: str(),
    status: {
      type: 'string',
      enum: [
        'OPEN',
        'INVESTIGATING',
        'IN_PROGRESS',
        'ACTION_SCHEDULED',
        'FIXED',
        'NO_FURTHER_ACTION',
        'NOT_COUNCILS_RESPONSIBILITY',
        'INTERNAL_REFERRAL',
        'DUPLICATE',
        'CLOSED',
      ],
    },
    updated_datetime: str('W3C date-time with offset'),
    description: str(),
    media_url: nullable(),
  }),
  Open311Updates: list('service_request_updates', 'Open311Update'),
  Open311UpdateCreated: {
    type: 'array',
    xml: { name: 'service_request_updates', wrapped: true },
    items: obj('request_update', { update_id: str() }),
  },
  Open311Errors: {
    type: 'array',
    xml: { name: 'errors', wrapped: true },
    items: obj('error', { code: { type: 'integer' }, description: str('Names the field at fault') }, [
      'code',
      'description',
    ]),
  },
};

const format = {
  name: 'format',
  in: 'path',
  required: true,
  schema: { type: 'string', enum: ['xml', 'json'] },
  description: 'xml (text/xml) or json (application/json)',
};
const query = (name: string, description: string, required = false) => ({
  name,
  in: 'query',
  required,
  schema: { type: 'string' },
  description,
});
const apiKey = query('api_key', 'The partner system key (also accepted as X-API-Key)');
const both = (schema: string, description: string) => ({
  description,
  content: {
    'text/xml': { schema: { $ref: `#/components/schemas/${schema}` } },
    'application/json': { schema: { $ref: `#/components/schemas/${schema}` } },
  },
});
const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((c) => [String(c), both('Open311Errors', `Errors (${c})`)]));
const form = (properties: Record<string, unknown>, required: string[]) => ({
  required: true,
  content: {
    'application/x-www-form-urlencoded': { schema: { type: 'object', properties, required } },
    'application/json': { schema: { type: 'object', properties, required } },
  },
});
const tags = ['Open311 GeoReport v2'];

export function open311Paths(): Record<string, unknown> {
  return {
    '/open311/v2/discovery.{format}': {
      get: {
        tags,
        summary: 'Open311 discovery: the endpoint URL (ending in /) and both formats',
        parameters: [format],
        responses: { '200': { description: 'The discovery document' } },
      },
    },
    '/open311/v2/services.{format}': {
      get: {
        tags,
        summary: 'Open311 service list (categories)',
        parameters: [format],
        responses: { '200': both('Open311Services', 'Services'), ...errors(429) },
      },
    },
    '/open311/v2/services/{service_code}.{format}': {
      get: {
        tags,
        summary: "Open311 service definition: the service's attributes",
        parameters: [
          { name: 'service_code', in: 'path', required: true, schema: { type: 'string' } },
          format,
        ],
        responses: { '200': both('Open311ServiceDefinition', 'The definition'), ...errors(404, 429) },
      },
    },
    '/open311/v2/requests.{format}': {
      post: {
        tags,
        summary: 'Open311 send a request (report)',
        description:
          'Needs api_key. A repeat with the same attribute[fixmystreet_id] or Idempotency-Key header returns the first service_request_id (200).',
        parameters: [format, { name: 'Idempotency-Key', in: 'header', schema: { type: 'string' } }],
        requestBody: form(
          {
            api_key: str(),
            service_code: str(),
            description: str('Optional, up to 4,000 characters'),
            lat: str('Decimal degrees, number or string'),
            long: str(),
            address_string: str('A street, landmark or postcode'),
            address_id: str('A gazetteer id, e.g. fenchurch-street'),
            email: str(),
            phone: str(),
            first_name: str(),
            last_name: str(),
            media_url: str(),
            'attribute[fixmystreet_id]': str(),
            'attribute[hate_incident]': str(),
            'attribute[place_context][]': str(),
          },
          ['api_key', 'service_code'],
        ),
        responses: {
          '201': both('Open311RequestCreated', 'Created'),
          '200': both('Open311RequestCreated', 'A retry: the first request'),
          ...errors(400, 403, 404, 429),
        },
      },
      get: {
        tags,
        summary: 'Open311 list requests',
        description:
          'service_request_id (comma-separated) overrides every other argument. Without the sending key, private categories are left out and the rest show no description or precise place.',
        parameters: [
          format,
          query('service_request_id', 'One or more ids, comma-separated'),
          query('service_code', 'Comma-separated'),
          query('start_date', 'W3C date-time'),
          query('end_date', 'W3C date-time'),
          query('status', 'open, closed or both comma-separated'),
          apiKey,
        ],
        responses: { '200': both('Open311Requests', 'Requests'), ...errors(400, 403, 429) },
      },
    },
    '/open311/v2/requests/{service_request_id}.{format}': {
      get: {
        tags,
        summary: 'Open311 one request',
        parameters: [
          { name: 'service_request_id', in: 'path', required: true, schema: { type: 'string' } },
          format,
          apiKey,
        ],
        responses: { '200': both('Open311Requests', 'The request'), ...errors(403, 404, 429) },
      },
    },
    '/open311/v2/servicerequestupdates.{format}': {
      get: {
        tags,
        summary: "mySociety extension: staff's public updates on the reports this key sent",
        parameters: [
          format,
          query('api_key', 'Required', true),
          query('start_date', 'W3C date-time (default: a day before end_date)'),
          query('end_date', 'W3C date-time (default: now)'),
        ],
        responses: { '200': both('Open311Updates', 'Updates, oldest first'), ...errors(400, 403, 429) },
      },
      post: {
        tags,
        summary: "mySociety extension: a resident's comment onto the report's timeline",
        description: 'The same update_id again returns the first update_id (200).',
        parameters: [format],
        requestBody: form(
          {
            api_key: str(),
            service_request_id: str(),
            update_id: str("The client's id for the comment"),
            status: str('OPEN, CLOSED or an extended status (recorded, not applied)'),
            description: str(),
            updated_datetime: str(),
            first_name: str(),
            last_name: str(),
            email: str(),
            media_url: str(),
          },
          ['api_key', 'service_request_id', 'description'],
        ),
        responses: {
          '201': both('Open311UpdateCreated', 'Received'),
          '200': both('Open311UpdateCreated', 'A retry: the first update'),
          ...errors(400, 403, 404, 429),
        },
      },
    },
  };
}
