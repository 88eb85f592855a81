// Compiled with `tsc --noEmit` against the built package: the declarations must accept real
// usage and reject misuse (the @ts-expect-error lines fail the check if they stop erroring).
import { validateTemplate, validateTemplates, parseDocument, rules, version } from 'wa-preflight';
import type { Diagnostic, ValidationReport, ValidateOptions, WaPreflightError, Severity } from 'wa-preflight';

const report: ValidationReport = validateTemplate({ name: 'order_update', language: 'en_US', category: 'UTILITY', components: [] });
const first: Diagnostic | undefined = report.diagnostics[0];
const severity: Severity | undefined = first?.severity;
const shown: string | undefined = first?.span ? 'body'.slice(first.span.start, first.span.end) : undefined;
const predicted: 'MARKETING' | 'UTILITY' | 'AUTHENTICATION' = report.category.predicted;

const options: ValidateOptions = { lengthUnit: 'utf16', rules: { WP210: 'off', 'variable-at-edge': 'warning' }, extraLanguages: ['en_AU'] };
validateTemplate('{"name": "x"}', options);
const many: number[] = validateTemplates([{}, {}]).map((r) => r.index);
const items: unknown[] = parseDocument('{"a": 1}');
const codes: string[] = rules().map((r) => r.code);
const v: string = version();

try {
  validateTemplate(42 as unknown as string);
} catch (e) {
  const err = e as WaPreflightError;
  const code: 'INVALID_JSON' | 'EMPTY_INPUT' | 'NOT_A_TEMPLATE' | 'INVALID_OPTIONS' | 'INVALID_ARGUMENT' = err.code;
  void code;
}

// @ts-expect-error: lengthUnit is "characters" or "utf16"
validateTemplate({}, { lengthUnit: 'bytes' });
// @ts-expect-error: rule settings are off/info/warning/error
validateTemplate({}, { rules: { WP210: 'silent' } });
// @ts-expect-error: a report's ok is a boolean
const wrong: string = report.ok;

void [severity, shown, predicted, many, items, codes, v, wrong];
