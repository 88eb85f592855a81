// Compiled with `tsc --noEmit` against the built package: the declarations must accept real
// usage and reject misuse (the @ts-expect-error lines fail the check if they stop erroring).
import { validateTemplate, validateTemplates, parseDocument, rules, version, renderTemplate, renderMarkup, checkSend, SendChecker, buildSendPayload, classifyTemplate, checkContent, estimateCost, estimateCampaign, windowState, marketOf, loadRateCard, dataFiles, placeholderKeys, quoteSend } from 'wa-preflight';
import type { Diagnostic, ValidationReport, ValidateOptions, WaPreflightError, Severity, TemplatePreview, BlockNode, SendReport, BuiltPayload, Classification, ContentCheck, PriceReport, CampaignEstimate, WindowStateResult, PriceNotice, DataFile, SendQuote } from 'wa-preflight';

const report: ValidationReport = validateTemplate({ name: 'order_update', language: 'en_US', category: 'UTILITY', components: [] });
const first: Diagnostic | undefined = report.diagnostics[0];
const severity: Severity | undefined = first?.severity;
const shown: string | undefined = first?.span ? 'body'.slice(first.span.start, first.span.end) : undefined;
const predicted: 'MARKETING' | 'UTILITY' | 'AUTHENTICATION' = report.category.predicted;

const options: ValidateOptions = { lengthUnit: 'utf16', rules: { WP210: 'off', 'variable-at-edge': 'warning' }, extraLanguages: ['en_AU'], asOf: '2025-11-01' };
validateTemplate('{"name": "x"}', options);
const many: number[] = validateTemplates([{}, {}]).map((r) => r.index);
const items: unknown[] = parseDocument('{"a": 1}');
const codes: string[] = rules().map((r) => r.code);
const v: string = version();

try {
  validateTemplate(42 as unknown as string);
} catch (e) {
  const err = e as WaPreflightError;
  const code: WaPreflightError['code'] = err.code;
  const known: string = code;
  void known;
}

const preview: TemplatePreview = renderTemplate({}, { body: ['Ana', 3], buttons: { 0: 'A-1' } }, { useExamples: true });
const bodyHtml: string | undefined = preview.body?.html;
const seeAll: boolean = preview.layout.see_all_options;
const bubble: string | undefined = renderTemplate({}, {}, { html: true }).html;
const wp520: SendReport = checkSend('[1]');
const keys: string[] = placeholderKeys('Hi {{1}}');
void keys;
// renderMarkup's result follows its format, with no cast.
const html: string = renderMarkup('*hi*');
const asText: string = renderMarkup('*hi*', 'text', { linksAsText: true });
const nodes: BlockNode[] = renderMarkup('*hi*', 'nodes');
// @ts-expect-error HTML is a string, not nodes
const notNodes: BlockNode[] = renderMarkup('*hi*', 'html');
const someFormat = 'nodes' as 'nodes' | 'html';
const either: string | BlockNode[] = renderMarkup('*hi*', someFormat);
void asText; void notNodes; void either;
// Times take a Date wherever they take ISO text or milliseconds.
checkSend('{}', { now: new Date(), asOf: new Date('2025-11-01') });
windowState([], new Date());
validateTemplate('{}', { asOf: new Date() });
const report2: SendReport = checkSend({ messaging_product: 'whatsapp' }, { now: Date.now(), state: { '393331234567': { last_inbound_at: '2025-08-01T09:00:00Z' } } });
const code2: number | null = report2.error_code;
const checker = new SendChecker({ data: [] });
const size: number = checker.size;
const checked: SendReport = checker.check('{}', { now: '2025-08-01T10:00:00Z', endpoint: 'marketing_messages', limits: { 'list.body': 1024, 'product_list.products': null }, rules: { WP530: 'warning' } });
const seen: number[] = checked.alternatives;
const notChecked: string[] = checked.skipped.map((s) => `${s.check}: ${s.reason}`);
const findingCode: number | undefined = checked.diagnostics[0]?.error_code;
const built: BuiltPayload = buildSendPayload({}, { body: ['x'] }, { to: '393331234567' });
const classification: Classification = classifyTemplate({ name: 'x' });
const legacy: string | null = classification.legacy_type;
const firstReason: string | undefined = classification.reasons[0]?.clause;
const content: ContentCheck = checkContent('Sconto del 20%', { language: 'it', policy: '2019' });
const reasonsOfReport: number = report.category.reasons.length;
const ruleCode: number | null = rules()[0].error_code;
void [bodyHtml, seeAll, bubble, wp520, html, nodes, code2, size, checked, seen, notChecked, findingCode, built, legacy, firstReason, content, reasonsOfReport, ruleCode];

const cost: PriceReport = estimateCost({ events: [{ at: '2025-08-01T09:00:00Z', direction: 'outbound', type: 'template', category: 'marketing', to: '+393331234567' }] }, { includeReported: false });
const campaignCost: CampaignEstimate = estimateCampaign({ category: 'utility', recipients: { Italy: 1000 }, at: '2026-02-01' });
const quote: SendQuote = quoteSend({ name: 'q', language: 'it', category: 'UTILITY', components: [] }, { to: '+393331234567', at: new Date(), state: { last_inbound_at: Date.now() - 3600_000 } });
const billedAs: 'MARKETING' | 'UTILITY' | 'AUTHENTICATION' | null = quote.category;
const quotedRate: number | null | undefined = quote.billing?.rate;
// @ts-expect-error the recipient is required
quoteSend({}, { at: '2026-01-01' });
void [billedAs, quotedRate];
const win: WindowStateResult = windowState([], Date.now());
const market: string = marketOf('+393331234567');
const dated: string = marketOf('+393331234567', new Date('2020-01-01'));
const win2: WindowStateResult = windowState([{ at: new Date(), direction: 'inbound' }, { at: Date.now(), direction: 'outbound' }], '2025-08-01T09:00:00Z');
const asOfMs: ValidationReport = validateTemplate({}, { asOf: Date.now() });
void [dated, win2, asOfMs];
const fep: string | undefined = win.free_entry_point?.expires_at;
const card = loadRateCard('Market,Marketing\nItaly,0.1', { effective: '2026-07-01' });
const cardCurrency: string = card.currency;
void [cost.total, campaignCost.total, fep, market, cardCurrency];
const later: PriceNotice[] = estimateCost({ events: [{ at: '2027-06-01T09:00:00Z', direction: 'outbound', type: 'business_agent', to: 'US.13491208655302741918', market: 'North America' }] },
  { asOf: '2027-06-01', serviceRate: 'utility', freeServiceMessagesPerMonth: 1000, markets: {}, tiers: [{ category: 'utility', tier: '25000001:50000000', discount: 0.1 }] }).notices;
const staleKind: 'stale_data' | 'incomplete_card' | 'disputed_allowance' | undefined = later[0]?.kind;
const files: DataFile[] = dataFiles();
const sendCost = checkSend({}, { asOf: '2026-11-20', pricing: { includeReported: true } }).billing?.notices;
void [staleKind, files, sendCost];
// @ts-expect-error: a service rate is utility, authentication or unpriced
estimateCost({ events: [] }, { serviceRate: 'cheap' });

// @ts-expect-error: events need a direction
estimateCost({ events: [{ at: '2025-08-01T09:00:00Z' }] });
// @ts-expect-error: the policy era is "current" or "2019"
checkContent('x', { policy: '2020' });

// @ts-expect-error: renderTemplate options are typed
renderTemplate({}, {}, { useExample: true });
// @ts-expect-error: buildSendPayload needs a recipient
buildSendPayload({}, {}, {});
// @ts-expect-error: lengthUnit is "characters" or "utf16"
validateTemplate({}, { lengthUnit: 'bytes' });
// @ts-expect-error: rule settings are off/info/warning/error
validateTemplate({}, { rules: { WP210: 'silent' } });
// @ts-expect-error: a report's ok is a boolean
const wrong: string = report.ok;

void [severity, shown, predicted, many, items, codes, v, wrong];
