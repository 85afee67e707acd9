import { Document, isMap, isScalar } from 'yaml';
import { Chunk, parseChunk, ParsedDocument, rangeOf, splitChunks } from './documents';
import { lint } from './lint';
import { findPair } from './nodes';
import { groupOf, SchemaSet, schemaId } from './schemaSet';
import { schemaDiagnostics } from './schemaDiagnostics';
import { KSERVE_GROUP } from '../kserve/group';
import { KindInfo } from './schemas/types';
import { closest } from './suggest';
import { ManifestDiagnostic, shiftDiagnostic, shiftRange, TextRange } from './types';

export interface ValidatorOptions {
  /** Check documents against their kind's schema. */
  schema: boolean;
  /** Run the KServe lint rules. */
  lint: boolean;
  /** Report YAML syntax errors (off when another YAML extension already does). */
  syntax: boolean;
}

/** A KServe document found in the file. */
export interface KServeDocument {
  /** Position among all documents in the file, counting from 0. */
  index: number;
  range: TextRange;
  kind: KindInfo;
  name?: string;
  namespace?: string;
  /** True when it has YAML syntax errors (it cannot be applied). */
  broken: boolean;
}

export interface ValidationResult {
  diagnostics: ManifestDiagnostic[];
  documents: KServeDocument[];
}

export interface ChunkResult {
  diagnostics: ManifestDiagnostic[];
  /** `index` counts within the chunk. */
  documents: KServeDocument[];
  /** How many YAML documents the chunk holds, KServe or not. */
  count: number;
}

/**
 * What the chunk cache may hold, in characters of chunk text plus an estimate for each result's diagnostics: room
 * for every chunk of a file at the while-typing size cap several times over, and never more, however many edits.
 */
const CACHE_BUDGET = 8 * 1024 * 1024;
const DIAGNOSTIC_COST = 256;
const MAX_DIAGNOSTICS_PER_DOCUMENT = 200;

/**
 * Validates the KServe documents of a YAML file. Each `---` chunk is analysed on its own and remembered by its text,
 * so after an edit only the changed document is parsed and validated again.
 */
export class ManifestValidator {
  private readonly cache = new Map<string, ChunkResult>();
  private cacheCost = 0;

  constructor(
    private current: SchemaSet,
    private settings: ValidatorOptions,
    private readonly cacheBudget = CACHE_BUDGET,
  ) {}

  get schemas(): SchemaSet {
    return this.current;
  }

  get options(): ValidatorOptions {
    return this.settings;
  }

  reconfigure(schemas: SchemaSet, options: ValidatorOptions): void {
    this.current = schemas;
    this.settings = options;
    this.cache.clear();
    this.cacheCost = 0;
  }

  /** The cache's size in the units of its budget (for benchmarks and tests). */
  get cachedCost(): number {
    return this.cacheCost;
  }

  /** The file's `---` chunks, to analyze one by one and `assemble`. */
  chunks(text: string): Chunk[] {
    return splitChunks(text);
  }

  analyzeChunk(chunk: Chunk): ChunkResult {
    const cached = this.cache.get(chunk.text);
    if (cached) {
      this.cache.delete(chunk.text);
      this.cache.set(chunk.text, cached);
      return cached;
    }
    // A copy sharing no memory with the file's text: what is cached must not keep old versions of the file alive.
    const own = Buffer.from(chunk.text, 'utf8').toString('utf8');
    const result = this.analyzeText(own);
    const cost = costOf(own, result);
    if (cost > this.cacheBudget) return result;
    for (const [text, old] of this.cache) {
      if (this.cacheCost + cost <= this.cacheBudget) break;
      this.cache.delete(text);
      this.cacheCost -= costOf(text, old);
    }
    this.cache.set(own, result);
    this.cacheCost += cost;
    return result;
  }

  private analyzeText(text: string): ChunkResult {
    const result: ChunkResult = { diagnostics: [], documents: [], count: 0 };
    let parsed: ParsedDocument[];
    try {
      parsed = parseChunk({ base: 0, text });
    } catch {
      return result;
    }
    result.count = parsed.length;
    for (const [index, document] of parsed.entries()) {
      const found = this.analyzeDocument(document, text);
      if (found.document) result.documents.push({ ...found.document, index });
      result.diagnostics.push(...found.diagnostics.slice(0, MAX_DIAGNOSTICS_PER_DOCUMENT));
    }
    return result;
  }

  private analyzeDocument({ document, apiVersion, kind }: ParsedDocument, text: string) {
    const diagnostics: ManifestDiagnostic[] = [];
    const info = this.current.detect(apiVersion?.value, kind?.value);
    if (!info) {
      const unknown = this.unknownKind(apiVersion?.value, kind);
      return { diagnostics: unknown ? [unknown] : [] };
    }
    const broken = document.errors.length > 0;
    if (this.settings.syntax) diagnostics.push(...syntaxDiagnostics(document, text));
    let value: unknown;
    if (!broken) {
      try {
        value = document.toJS({ maxAliasCount: 1000 });
      } catch {
        value = undefined;
      }
    }
    if (!broken && value !== undefined) {
      if (this.settings.schema) {
        const errors = this.current.validate(schemaId(info), value) ?? [];
        diagnostics.push(...schemaDiagnostics(document, info.kind, errors, MAX_DIAGNOSTICS_PER_DOCUMENT - diagnostics.length));
      }
      if (this.settings.lint) {
        const validatesAs = (version: string) => {
          const target = this.current.detect(version, info.kind);
          const relabelled = { ...(value as Record<string, unknown>), apiVersion: version };
          return target !== undefined && this.current.validate(schemaId(target), relabelled)?.length === 0;
        };
        diagnostics.push(...lint({ document, text, kind: info.kind, validatesAs }));
      }
    }
    const metadata = isMap(document.contents) ? findPair(document.contents, 'metadata')?.value : undefined;
    const field = (key: string) => {
      const v = isMap(metadata) ? findPair(metadata, key)?.value : undefined;
      return isScalar(v) && typeof v.value === 'string' ? v.value : undefined;
    };
    return {
      diagnostics,
      document: { range: rangeOf(document.contents ?? null), kind: info, name: field('name'), namespace: field('namespace'), broken },
    };
  }

  /** A near miss such as `kind: InferenceServices` in KServe's group; any other kind is left alone. */
  private unknownKind(apiVersion: unknown, kind: ParsedDocument['kind']): ManifestDiagnostic | undefined {
    if (typeof apiVersion !== 'string' || groupOf(apiVersion) !== KSERVE_GROUP || typeof kind?.value !== 'string') return undefined;
    const suggestion = closest(kind.value, this.current.kindNames);
    if (!suggestion || !kind.range) return undefined;
    const range = rangeOf(kind);
    return {
      range, severity: 'error', code: 'schema.kind',
      message: `Unknown KServe kind "${kind.value}". Did you mean "${suggestion}"?`,
      fixes: [{ title: `Change to "${suggestion}"`, edits: [{ range, newText: suggestion }], preferred: true }],
    };
  }
}

function syntaxDiagnostics(document: Document.Parsed, text: string): ManifestDiagnostic[] {
  return document.errors.map((error) => {
    const [start, end] = error.pos;
    return {
      range: errorRange(text, start, end),
      message: `YAML: ${error.message.split('\n')[0]}`,
      severity: 'error' as const,
      code: `yaml.${error.code}`,
    };
  });
}

/**
 * Widens a one-character error position to the word there, so the squiggle covers e.g. the whole duplicate key; an
 * error at the very end (an unclosed flow collection) goes on the last character written.
 */
function errorRange(text: string, start: number, end: number): TextRange {
  if (end - start > 1) return { start, end };
  if (start >= text.trimEnd().length) {
    const last = Math.max(0, text.trimEnd().length - 1);
    return { start: last, end: last + 1 };
  }
  let wordEnd = start;
  while (wordEnd < text.length && !/[\s:,{}[\]]/.test(text[wordEnd])) wordEnd++;
  return { start, end: Math.max(wordEnd, start + 1) };
}

/** Puts chunk results together into file positions and document indexes. */
export function assemble(results: { chunk: Chunk; result: ChunkResult }[]): ValidationResult {
  const diagnostics: ManifestDiagnostic[] = [];
  const documents: KServeDocument[] = [];
  let index = 0;
  for (const { chunk, result } of results) {
    for (const d of result.diagnostics) diagnostics.push(shiftDiagnostic(d, chunk.base));
    for (const d of result.documents) documents.push({ ...d, index: index + d.index, range: shiftRange(d.range, chunk.base) });
    index += result.count;
  }
  diagnostics.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  return { diagnostics, documents };
}

function costOf(text: string, result: ChunkResult): number {
  return text.length + result.diagnostics.length * DIAGNOSTIC_COST;
}
