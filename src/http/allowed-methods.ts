import { apiDocument } from './api-document.js';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

interface PathMethods {
  re: RegExp;
  methods: string[];
}

let table: PathMethods[] | undefined;

/** The path templates of the API document (`{name}` is one path segment) with the methods each one answers. */
function build(): PathMethods[] {
  const paths = (apiDocument() as { paths: Record<string, Record<string, unknown>> }).paths;
  return Object.entries(paths).map(([template, ops]) => ({
    re: new RegExp(
      `^${template
        .split(/\{[^}]+\}/)
        .map((s) => s.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
        .join('[^/]+')}/?$`,
    ),
    methods: HTTP_METHODS.filter((m) => Object.hasOwn(ops, m)).map((m) => m.toUpperCase()),
  }));
}

/**
 * The methods a REST path answers, from the API document (the one description of the routes): what a 405 lists in
 * its `Allow` header (RFC 9110 §15.5.6). Undefined for a path the document does not describe.
 */
export function allowedMethods(pathname: string): readonly string[] | undefined {
  table ??= build();
  return table.find((p) => p.re.test(pathname))?.methods;
}
