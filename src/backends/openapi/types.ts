/** Internal model of an imported OpenAPI operation and the plan for turning tool arguments into a request. */
import type { JsonObject } from '../../core/tool.js';

export type ParamLocation = 'path' | 'query' | 'header' | 'cookie';

export type ParamStyle =
  'simple' | 'label' | 'matrix' | 'form' | 'spaceDelimited' | 'pipeDelimited' | 'tabDelimited' | 'deepObject';

/** How one tool argument maps onto the HTTP request. */
export interface ParamPlan {
  arg: string;
  name: string;
  in: ParamLocation;
  style: ParamStyle;
  explode: boolean;
  allowReserved: boolean;
  required: boolean;
  /** Serialise the value as JSON (OAS 3 `content` parameters). */
  json: boolean;
}

/** Per-property encoding inside a form or multipart body. */
export interface PropertyEncoding {
  style?: ParamStyle;
  explode?: boolean;
  contentType?: string;
}

export interface BodyPlan {
  /** Content types offered, preferred first. */
  contentTypes: string[];
  required: boolean;
  /** When the body is an object whose properties became top-level args: arg name -> property name. */
  properties?: { arg: string; prop: string }[];
  /** When the body is passed whole, the name of the argument holding it. */
  arg?: string;
  encoding: Record<string, PropertyEncoding>;
  /** Body properties that carry file content (multipart parts with a filename). */
  binaryProps?: string[];
  /** Name of the argument that selects among several content types, if any. */
  contentTypeArg?: string;
}

export interface SecurityRequirementAlt {
  /** scheme name -> scopes */
  [scheme: string]: string[];
}

/** Everything needed to execute one tool. Kept out of the tool definition the agent sees. */
export interface CallPlan {
  method: string;
  /** Path template as in the spec, e.g. /pets/{petId}. */
  path: string;
  /** Base URLs from servers/host, preferred first (already with variables substituted). */
  servers: string[];
  params: ParamPlan[];
  body?: BodyPlan;
  /** Security alternatives that apply (empty array: explicitly none). */
  security: SecurityRequirementAlt[];
  /** Parameters / body properties the gateway fills with a credential (hidden from the agent). */
  injected?: { arg: string; name: string }[];
  /**
   * The operation's own auth/transport parameters (AWS SigV4, Google's standard set, `access_token`/`api_key`;
   * src/core/api-auth-params.ts), lowercased: hidden from the agent, and refused in any agent-built query, header
   * or cookie name.
   */
  apiAuthParams?: string[];
  /** Accept header: the JSON success media types if any, else all declared ones, else a default. */
  accept: string;
  /** Set when the operation declares a JSON object response schema (becomes outputSchema). */
  hasOutputSchema: boolean;
}

export interface SecurityScheme {
  type: 'apiKey' | 'http' | 'oauth2' | 'openIdConnect' | 'mutualTLS';
  name?: string;
  in?: 'header' | 'query' | 'cookie';
  scheme?: string;
  tokenUrl?: string;
}

export type SchemaObject = JsonObject;
