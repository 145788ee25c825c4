/** The shell's single-quoted form of a text. */
function quoted(text) {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

const credentialHeader = {
  'api-key': '-H "Authorization: Bearer $ADS_API_KEY"',
  admin: '-H "Authorization: Bearer $ADS_ADMIN_TOKEN"',
  none: undefined,
};

/** The route's example request as a curl command, from the example values in the OpenAPI document. */
export function curlExample({ method, path, operation, auth, baseUrl = 'http://127.0.0.1:8787' }) {
  const parameters = operation.parameters ?? [];
  const filledPath = path.replace(/\{(\w+)\}/g, (_match, name) => {
    const parameter = parameters.find((entry) => entry.in === 'path' && entry.name === name);
    return encodeURIComponent(parameter?.example ?? `<${name}>`);
  });
  const query = new URLSearchParams(
    parameters
      .filter((entry) => entry.in === 'query' && entry.example !== undefined)
      .map((entry) => [entry.name, String(entry.example)]),
  ).toString();
  const url = `${baseUrl}${filledPath}${query ? `?${query}` : ''}`;
  const lines = [`curl -X ${method.toUpperCase()} ${query ? `"${url}"` : url}`];
  if (credentialHeader[auth]) lines.push(credentialHeader[auth]);
  const body = operation.requestBody?.content?.['application/json']?.example;
  if (body !== undefined) {
    lines.push('-H "Content-Type: application/json"');
    const json = JSON.stringify(body);
    lines.push(`-d ${quoted(json.length > 70 ? JSON.stringify(body, null, 2) : json)}`);
  }
  return lines.join(' \\\n  ');
}
