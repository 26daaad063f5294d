/**
 * Inline SVG of a currency's obligation graph before and after netting, for the HTML report.
 *
 * Drawing only: positions and stroke widths are floats, written with a fixed number of digits so the
 * output is deterministic; every amount shown is the exact decimal string of the report.
 *
 * @internal
 * @packageDocumentation
 */
import { escapeHtml, groupDigits, plural } from './report-text';

/** One arrow to draw: `from` pays or owes `to` an exact amount. @internal */
export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  /** Minor units, to rank and scale the edges. */
  readonly minor: bigint;
  /** The exact decimal string shown in labels and tooltips. */
  readonly amount: string;
  /** Obligations behind a link before netting. */
  readonly obligationCount?: number;
}

/** What {@link renderGraphPair} draws. @internal */
export interface GraphPairInput {
  /** Unique in the page, made of `[a-z0-9-]` only (used in element ids). */
  readonly idPrefix: string;
  readonly currency: string;
  /** The currency's participants, in code-unit order. */
  readonly participants: readonly string[];
  /** Net position sign per participant: colours the nodes. */
  readonly netSign: ReadonlyMap<string, -1 | 0 | 1>;
  /** Net position per participant, for the tooltips. */
  readonly netAmount: ReadonlyMap<string, string>;
  readonly before: readonly GraphEdge[];
  readonly after: readonly GraphEdge[];
  readonly beforeTotal: string;
  readonly afterTotal: string;
  readonly edgesMax: number;
}

const SIZE = 560;
const CENTRE = SIZE / 2;
/** Radius of the circle when names are written outside it, and when they are not. */
const RADIUS = 185;
const RADIUS_UNLABELLED = 240;
/** Up to this many participants every one is placed on the circle; above, only those on drawn edges. */
const NODES_ALL_MAX = 120;
/** Up to this many placed participants their names are written next to them. */
const NODE_LABELS_MAX = 40;
/** Up to this many drawn edges their amounts are written on them. */
const EDGE_LABELS_MAX = 30;
const LABEL_CHARS_MAX = 18;

interface Point {
  readonly x: number;
  readonly y: number;
}

/**
 * Renders the two graphs side by side (same node positions, same stroke scale), each in its own
 * `<svg>`, with a note when edges were left out.
 * @internal
 */
export function renderGraphPair(input: GraphPairInput): string {
  const before = largest(input.before, input.edgesMax);
  const after = largest(input.after, input.edgesMax);

  const everyone = new Set(input.participants);
  for (const e of input.after) {
    everyone.add(e.from);
    everyone.add(e.to);
  }
  let nodes = [...everyone].sort(byCodeUnit);
  const allPlaced = nodes.length <= NODES_ALL_MAX;
  if (!allPlaced) {
    const drawn = new Set<string>();
    for (const e of [...before, ...after]) {
      drawn.add(e.from);
      drawn.add(e.to);
    }
    nodes = nodes.filter((n) => drawn.has(n));
  }
  const radius = nodes.length <= NODE_LABELS_MAX ? RADIUS : RADIUS_UNLABELLED;
  const positions = new Map<string, Point>();
  nodes.forEach((name, i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(nodes.length, 1);
    positions.set(name, { x: CENTRE + radius * Math.cos(angle), y: CENTRE + radius * Math.sin(angle) });
  });
  const nodeRadius =
    nodes.length <= NODE_LABELS_MAX ? 6 : Math.max(1.5, 6 * Math.sqrt(NODE_LABELS_MAX / nodes.length));

  let maxMinor = 1n;
  for (const e of [...before, ...after]) if (e.minor > maxMinor) maxMinor = e.minor;

  const context: DrawContext = { input, nodes, positions, nodeRadius, maxMinor };
  const notes: string[] = [];
  if (input.before.length > before.length || input.after.length > after.length) {
    const drawn = (shown: number, all: number, noun: string): string =>
      shown < all ? `the ${groupDigits(shown)} largest of ${plural(all, noun)}` : `all ${plural(all, noun)}`;
    notes.push(
      `Drawn: ${drawn(before.length, input.before.length, 'link')} before netting, ${drawn(after.length, input.after.length, 'payment')} after. The tables and the JSON report are complete.`,
    );
  }
  if (nodes.length < everyone.size) {
    notes.push(
      `Placed: the ${groupDigits(nodes.length)} of ${groupDigits(everyone.size)} participants on a drawn link.`,
    );
  }
  const ccy = escapeHtml(input.currency);
  return (
    '<div class="graphs">' +
    figure(
      context,
      `${input.idPrefix}-before`,
      before,
      `Before netting: ${plural(input.before.length, 'link')}, ${escapeHtml(input.beforeTotal)} ${ccy}`,
    ) +
    figure(
      context,
      `${input.idPrefix}-after`,
      after,
      `After netting: ${plural(input.after.length, 'payment')}, ${escapeHtml(input.afterTotal)} ${ccy}`,
    ) +
    '</div>' +
    notes.map((n) => `<p class="note truncated">${escapeHtml(n)}</p>`).join('')
  );
}

interface DrawContext {
  readonly input: GraphPairInput;
  readonly nodes: readonly string[];
  readonly positions: ReadonlyMap<string, Point>;
  readonly nodeRadius: number;
  readonly maxMinor: bigint;
}

function figure(context: DrawContext, id: string, edges: readonly GraphEdge[], caption: string): string {
  const { input } = context;
  const parts: string[] = [];
  const arrow = Math.max(4, Math.min(8, context.nodeRadius * 1.4));
  parts.push(
    `<figure><svg viewBox="0 0 ${SIZE} ${SIZE}" role="img" aria-labelledby="${id}-caption">`,
    `<defs><marker id="${id}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="${f(arrow)}" markerHeight="${f(arrow)}" markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0L10,5L0,10z" fill="#334155"/></marker></defs>`,
  );
  if (edges.length === 0) {
    parts.push(`<text x="${CENTRE}" y="${CENTRE}" text-anchor="middle" class="empty">No payments</text>`);
  }
  // Smallest first, so the largest are drawn on top.
  const labelled = edges.length <= EDGE_LABELS_MAX;
  const ccy = escapeHtml(input.currency);
  const edgeSvg: string[] = [];
  const labelSvg: string[] = [];
  for (let i = edges.length - 1; i >= 0; i--) {
    const e = edges[i]!;
    const p0 = context.positions.get(e.from);
    const p2 = context.positions.get(e.to);
    if (p0 === undefined || p2 === undefined) continue;
    const dx = p2.x - p0.x;
    const dy = p2.y - p0.y;
    const length = Math.hypot(dx, dy) || 1;
    // Bend to the left of the direction of travel, so A→B and B→A are two separate arcs.
    const c = {
      x: (p0.x + p2.x) / 2 - (dy / length) * length * 0.12,
      y: (p0.y + p2.y) / 2 + (dx / length) * length * 0.12,
    };
    const start = towards(p0, c, context.nodeRadius);
    const end = towards(p2, c, context.nodeRadius + 1.5);
    const ratio = Number((e.minor * 1_000_000n) / context.maxMinor) / 1_000_000;
    const width = 0.75 + 7.25 * ratio;
    const tip =
      `${escapeHtml(e.from)} → ${escapeHtml(e.to)}: ${escapeHtml(e.amount)} ${ccy}` +
      (e.obligationCount === undefined ? '' : ` (${plural(e.obligationCount, 'obligation')})`);
    edgeSvg.push(
      `<path class="edge" d="M${f(start.x)} ${f(start.y)}Q${f(c.x)} ${f(c.y)} ${f(end.x)} ${f(end.y)}" stroke-width="${width.toFixed(2)}" marker-end="url(#${id}-arrow)"><title>${tip}</title></path>`,
    );
    if (labelled) {
      const mx = 0.25 * p0.x + 0.5 * c.x + 0.25 * p2.x;
      const my = 0.25 * p0.y + 0.5 * c.y + 0.25 * p2.y;
      labelSvg.push(
        `<text class="amount" x="${f(mx)}" y="${f(my)}" text-anchor="middle">${escapeHtml(e.amount)}</text>`,
      );
    }
  }
  parts.push(...edgeSvg);
  const namesShown = context.nodes.length <= NODE_LABELS_MAX;
  for (const name of context.nodes) {
    const p = context.positions.get(name)!;
    const sign = input.netSign.get(name) ?? 0;
    const net = input.netAmount.get(name);
    const tip = escapeHtml(net === undefined ? name : `${name}: net ${net} ${input.currency}`);
    const cls = sign > 0 ? 'node credit' : sign < 0 ? 'node debit' : 'node';
    parts.push(
      `<circle class="${cls}" cx="${f(p.x)}" cy="${f(p.y)}" r="${f(context.nodeRadius)}"><title>${tip}</title></circle>`,
    );
    if (namesShown) {
      const dx = p.x - CENTRE;
      const dy = p.y - CENTRE;
      const anchor = dx > RADIUS * 0.3 ? 'start' : dx < -RADIUS * 0.3 ? 'end' : 'middle';
      const lx = CENTRE + dx * ((RADIUS + 12) / RADIUS);
      const ly =
        CENTRE + dy * ((RADIUS + 12) / RADIUS) + (dy > RADIUS * 0.3 ? 8 : dy < -RADIUS * 0.3 ? -2 : 3);
      parts.push(
        `<text class="name" x="${f(lx)}" y="${f(ly)}" text-anchor="${anchor}">${escapeHtml(shorten(name))}</text>`,
      );
    }
  }
  parts.push(...labelSvg);
  parts.push(`</svg><figcaption id="${id}-caption">${caption}</figcaption></figure>`);
  return parts.join('');
}

/** The `max` largest edges, largest first; ties by payer, then payee (code-unit order). */
function largest(edges: readonly GraphEdge[], max: number): GraphEdge[] {
  const sorted = [...edges].sort((a, b) =>
    a.minor > b.minor ? -1 : a.minor < b.minor ? 1 : byCodeUnit(a.from, b.from) || byCodeUnit(a.to, b.to),
  );
  return sorted.length > max ? sorted.slice(0, max) : sorted;
}

/** The point `distance` away from `from` in the direction of `to`. */
function towards(from: Point, to: Point, distance: number): Point {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const length = Math.hypot(dx, dy) || 1;
  return { x: from.x + (dx / length) * distance, y: from.y + (dy / length) * distance };
}

function shorten(name: string): string {
  const chars = Array.from(name);
  return chars.length <= LABEL_CHARS_MAX ? name : `${chars.slice(0, LABEL_CHARS_MAX - 1).join('')}…`;
}

function f(value: number): string {
  const text = value.toFixed(1);
  return text === '-0.0' ? '0.0' : text;
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
