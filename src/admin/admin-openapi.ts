const error = { $ref: '#/components/schemas/Error' };
const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: error } } });
const json = (schema: unknown, description = 'OK') => ({ description, content: { 'application/json': { schema } } });
const keyIdParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };

/** The admin API's OpenAPI 3.1 document, served at `/admin/v1/openapi.json`. */
export const ADMIN_OPENAPI = {
  openapi: '3.1.0',
  info: { title: 'Switchyard admin API', version: '1' },
  servers: [{ url: '/admin/v1' }],
  security: [{ bearer: [] }],
  paths: {
    '/keys': {
      get: { summary: 'List virtual keys (never their secrets)', responses: { 200: json({ type: 'object', properties: { data: { type: 'array', items: { $ref: '#/components/schemas/Key' } } } }), 401: errorResponse('Not authorized') } },
      post: {
        summary: 'Create a virtual key; the secret is in the response once and never again',
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/NewKey' } } } },
        responses: { 201: json({ allOf: [{ $ref: '#/components/schemas/Key' }, { type: 'object', properties: { key: { type: 'string' } } }] }, 'Created'), 400: errorResponse('Invalid input'), 401: errorResponse('Not authorized') },
      },
    },
    '/keys/{id}': {
      parameters: [keyIdParam],
      get: { summary: 'Get one virtual key', responses: { 200: json({ $ref: '#/components/schemas/Key' }), 404: errorResponse('No such key') } },
      delete: { summary: 'Revoke a virtual key (effective on the next request)', responses: { 200: json({ $ref: '#/components/schemas/Key' }), 404: errorResponse('No such key') } },
    },
    '/requests': {
      get: {
        summary: 'Recent request records, newest first',
        parameters: [
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 10000, default: 100 } },
          { name: 'key_id', in: 'query', schema: { type: 'string' } },
          { name: 'since', in: 'query', schema: { type: 'string', format: 'date-time' } },
        ],
        responses: { 200: json({ type: 'object', properties: { data: { type: 'array', items: { $ref: '#/components/schemas/RequestRecord' } } } }) },
      },
    },
  },
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'SWITCHYARD_MASTER_KEY or an admin-role virtual key' } },
    schemas: {
      Error: { type: 'object', properties: { error: { type: 'object', properties: { message: { type: 'string' }, type: { type: 'string' }, param: { type: ['string', 'null'] }, code: { type: 'string' } } } } },
      NewKey: {
        type: 'object',
        required: ['name'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', maxLength: 100 },
          models: { type: 'array', items: { type: 'string' }, description: 'Allowed public model names; omit for all' },
          expires_in: { type: 'string', examples: ['30d', '12h'] },
          expires_at: { type: 'string', format: 'date-time' },
          role: { type: 'string', enum: ['user', 'admin'], default: 'user' },
        },
      },
      Key: {
        type: 'object',
        properties: {
          id: { type: 'string' }, name: { type: 'string' }, prefix: { type: 'string' }, role: { type: 'string', enum: ['user', 'admin'] },
          models: { type: ['array', 'null'], items: { type: 'string' } },
          created_at: { type: 'string', format: 'date-time' }, expires_at: { type: ['string', 'null'], format: 'date-time' },
          revoked_at: { type: ['string', 'null'], format: 'date-time' }, status: { type: 'string', enum: ['active', 'expired', 'revoked'] },
        },
      },
      RequestRecord: {
        type: 'object',
        properties: {
          id: { type: 'string' }, started_at: { type: 'string', format: 'date-time' }, key_id: { type: ['string', 'null'] }, endpoint: { type: 'string' },
          requested_model: { type: ['string', 'null'] }, provider: { type: ['string', 'null'] }, upstream_model: { type: ['string', 'null'] },
          stream: { type: 'boolean' }, status: { type: 'integer' }, error_class: { type: ['string', 'null'] }, error_message: { type: ['string', 'null'] },
          latency_ms: { type: 'number' }, ttft_ms: { type: ['number', 'null'] }, usage: { type: 'object' },
          usage_source: { type: 'string', enum: ['reported', 'estimated', 'none'] }, cost_micros: { type: ['integer', 'null'] },
          cost_usd: { type: ['string', 'null'] }, attempts: { type: 'integer' },
        },
      },
    },
  },
} as const;
