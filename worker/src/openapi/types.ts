/**
 * The parts of an OpenAPI 3.1 document this worker writes, typed as it writes them
 * (openapi-types' 3.1 types mix in 3.0's and refuse JSON Schema 2020-12 schemas).
 */
export type Schema = Record<string, unknown> & { properties?: Record<string, Schema>; required?: string[] };
export type Method = 'get' | 'put' | 'post' | 'delete' | 'patch';
export type SecurityRequirement = Record<string, string[]>;

export interface Parameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  schema: Schema;
}

export interface Media {
  schema: Schema;
  example?: unknown;
}

export interface Response {
  description: string;
  content?: Record<string, Media>;
  headers?: Record<string, { description: string; schema: Schema }>;
}

export interface Operation {
  summary: string;
  description?: string;
  tags: string[];
  security: SecurityRequirement[];
  parameters: Parameter[];
  requestBody?: { required: boolean; content: Record<string, Media> };
  responses: Record<string, Response | { $ref: string }>;
}

export interface SecurityScheme {
  type: 'http' | 'apiKey';
  description: string;
  scheme?: 'bearer';
  in?: 'cookie' | 'query' | 'header';
  name?: string;
}

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  tags: { name: string; description: string }[];
  paths: Record<string, Partial<Record<Method, Operation>>>;
  components: { securitySchemes: Record<string, SecurityScheme>; responses: Record<string, Response> };
}
