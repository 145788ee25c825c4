// Reads fal's generated endpoint types (@fal-ai/client's src/types/endpoints.d.ts, or fal-js's
// endpoints.ts) with the TypeScript compiler: the type checker resolves every alias, intersection
// and multi-line union, so a field is read whole, with its own documentation.
import ts from 'typescript';

const compilerOptions = {
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  target: ts.ScriptTarget.ES2022,
  // Blob and File (the DOM's) appear in URL fields: `string | Blob | File`.
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
  types: [],
};

/** A program over in-memory sources (name → text), with the compiler's own lib files. */
export function programOf(sources) {
  const host = ts.createCompilerHost(compilerOptions);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (name) => sources.get(name) ?? readFile(name);
  host.fileExists = (name) => sources.has(name) || ts.sys.fileExists(name);
  host.getSourceFile = (name, version) =>
    sources.has(name)
      ? ts.createSourceFile(name, sources.get(name), version, true)
      : getSourceFile(name, version);
  return ts.createProgram([...sources.keys()], compilerOptions, host);
}

/** The text of a declaration's leading comments (JSDoc or `//` lines), markers removed. */
function commentOf(declaration) {
  const file = declaration.getSourceFile().getFullText();
  const ranges = ts.getLeadingCommentRanges(file, declaration.getFullStart()) ?? [];
  return ranges
    .map((range) => file.slice(range.pos, range.end))
    .join('\n')
    .replace(/^\s*\/\*\*?|\*\/\s*$/g, '')
    .split('\n')
    .map((line) => line.replace(/^\s*(\*|\/\/)\s?/, '').trim())
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function parseDefault(comment) {
  const match = comment.match(/Default value: `([^`]*)`/);
  if (!match) return undefined;
  try {
    return JSON.parse(match[1]);
  } catch {
    return match[1];
  }
}

const isNullish = (type) => (type.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)) !== 0;
const isStringish = (type) => (type.flags & (ts.TypeFlags.String | ts.TypeFlags.StringLiteral)) !== 0;

/**
 * The checker orders a union's members by when it first met each literal, not as written: the
 * written order (fal's docs order the choices) is read back from the declaring text.
 */
function asWritten(values, declarations) {
  const text = declarations.map((declaration) => declaration?.getText() ?? '').join('\n');
  const at = (value) => {
    const index = text.indexOf(JSON.stringify(value));
    return index < 0 ? Number.MAX_SAFE_INTEGER : index;
  };
  return [...values].sort((left, right) => at(left) - at(right));
}

/** The field type of a TypeScript type, as the catalog's FieldSpec spells it. */
function fieldTypeOf(checker, type, declaration) {
  const parts = (type.isUnion() ? type.types : [type]).filter((part) => !isNullish(part));
  const declarations = [declaration, ...(type.aliasSymbol?.declarations ?? [])];
  if (parts.length > 0 && parts.every((part) => part.flags & ts.TypeFlags.StringLiteral))
    return {
      type: 'string',
      enum: asWritten(
        parts.map((part) => part.value),
        declarations,
      ),
    };
  // A URL field takes a string (or, in fal's own client, a Blob it uploads first).
  if (parts.some((part) => part.flags & ts.TypeFlags.String)) return { type: 'string' };
  if (parts.length > 0 && parts.every((part) => part.flags & ts.TypeFlags.NumberLiteral)) {
    const values = asWritten(
      parts.map((part) => part.value),
      declarations,
    );
    return { type: values.every(Number.isInteger) ? 'integer' : 'number', enum: values };
  }
  if (parts.some((part) => part.flags & ts.TypeFlags.Number)) return { type: 'number' };
  if (parts.length > 0 && parts.every((part) => part.flags & ts.TypeFlags.BooleanLike))
    return { type: 'boolean' };
  const list = parts.find((part) => checker.isArrayType(part));
  if (list) {
    const [item] = checker.getTypeArguments(list);
    const items = item ? fieldTypeOf(checker, item).type : 'object';
    return { type: 'array', items: items === 'array' ? 'object' : items };
  }
  if (parts.some(isStringish)) return { type: 'string' };
  return { type: 'object' };
}

/** The fields of an input type, sorted by name: type, required, default, description. */
export function fieldsOf(checker, type) {
  return checker
    .getPropertiesOfType(type)
    .map((property) => {
      const declaration = property.valueDeclaration ?? property.declarations?.[0];
      const comment = declaration ? commentOf(declaration) : '';
      const defaultValue = parseDefault(comment);
      const description = comment
        .replace(/Default value: `[^`]*`/, '')
        .replace(/\s+/g, ' ')
        .trim()
        .slice(0, 240);
      const optional = (property.flags & ts.SymbolFlags.Optional) !== 0;
      return {
        name: property.name,
        ...fieldTypeOf(checker, checker.getTypeOfSymbol(property), declaration),
        ...(optional ? {} : { required: true }),
        ...(defaultValue !== undefined ? { default: defaultValue } : {}),
        ...(description ? { description } : {}),
      };
    })
    .sort((left, right) => left.name.localeCompare(right.name));
}

/** Whether an endpoint's output holds a video (`video`, or a `videos` list). */
export function outputsVideo(checker, type) {
  return ['video', 'videos'].some((name) => checker.getPropertyOfType(type, name) !== undefined);
}

/** Every endpoint of a file's `EndpointTypeMap`: its id and its input and output types. */
export function endpointsOf(program, fileName) {
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(fileName);
  const map = source?.statements.find(
    (statement) => ts.isTypeAliasDeclaration(statement) && statement.name.text === 'EndpointTypeMap',
  );
  if (!map) throw new Error(`${fileName} declares no EndpointTypeMap`);
  const mapType = checker.getTypeAtLocation(map.name);
  return checker.getPropertiesOfType(mapType).map((endpoint) => {
    const shape = checker.getTypeOfSymbolAtLocation(endpoint, map);
    const part = (name) => {
      const symbol = checker.getPropertyOfType(shape, name);
      return symbol ? checker.getTypeOfSymbolAtLocation(symbol, map) : undefined;
    };
    return { id: endpoint.name, input: part('input'), output: part('output') };
  });
}

/** The endpoint ids of a file's EndpointTypeMap, read from its syntax alone (no type checking). */
export function endpointIdsOf(text) {
  const source = ts.createSourceFile('endpoints.ts', text, ts.ScriptTarget.ES2022, true);
  const map = source.statements.find(
    (statement) => ts.isTypeAliasDeclaration(statement) && statement.name.text === 'EndpointTypeMap',
  );
  if (!map || !ts.isTypeLiteralNode(map.type)) throw new Error('no EndpointTypeMap literal');
  return map.type.members
    .map((member) => (member.name && ts.isStringLiteral(member.name) ? member.name.text : undefined))
    .filter((id) => id !== undefined)
    .sort();
}

/** Every `type Name = ...;` of a text, by name, as written (the first of a name wins). */
export function typeAliasesOf(text, into = new Map()) {
  const source = ts.createSourceFile('section.ts', text, ts.ScriptTarget.ES2022, true);
  for (const statement of source.statements) {
    if (ts.isTypeAliasDeclaration(statement) && !into.has(statement.name.text))
      into.set(statement.name.text, statement.getFullText(source).trim());
  }
  return into;
}
