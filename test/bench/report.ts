import type {ProbeReport} from './overview-probe.js';
import type {ProfileSummary} from './profile-summary.js';
import {mebibyte, series, type Series, type Unit} from './measure.js';
import {median, percentile, type Fit} from './stats.js';

export function formatValue(value: number, unit: Unit): string {
	if (!Number.isFinite(value)) return '';
	if (unit === 's') return `${value.toFixed(value >= 100 ? 0 : value >= 10 ? 1 : 2)} s`;
	if (unit === 'ms') return `${value.toFixed(value >= 100 ? 0 : 1)} ms`;
	if (unit === 'B' || unit === 'B/s') {
		const figure = value >= 10_000 ? `${(value / 1024).toFixed(1)} KiB` : `${value.toFixed(0)} B`;
		return unit === 'B' ? figure : `${figure}/s`;
	}
	return `${value.toFixed(0)} MiB`;
}

export function formatDuration(seconds: number): string {
	const minutes = Math.floor(seconds / 60);
	return `${minutes}:${String(Math.floor(seconds % 60)).padStart(2, '0')}`;
}

function ratioText(entry: Series): string {
	if (!entry.peers) return '';
	return entry.peers
		.map((id) => series.get(id))
		.filter((peer): peer is Series => peer !== undefined)
		.map(
			(peer) =>
				`${(median(entry.values) / median(peer.values)).toFixed(2)} × ${peer.tool.split(' (')[0]}`,
		)
		.join(', ');
}

type Row = Record<
	'case' | 'measure' | 'tool' | 'n' | 'median' | 'p95' | 'min' | 'max' | 'ratio',
	string
>;

function rowOf(entry: Series): Row {
	const rate = entry.bytes
		? ` (${(entry.bytes / mebibyte / median(entry.values)).toFixed(0)} MiB/s)`
		: '';
	return {
		case: entry.case,
		measure: entry.measure,
		tool: entry.tool,
		n: String(entry.values.length),
		median: formatValue(median(entry.values), entry.unit) + rate,
		p95: entry.p95 ? formatValue(percentile(entry.values, 95), entry.unit) : '',
		min: formatValue(Math.min(...entry.values), entry.unit),
		max: formatValue(Math.max(...entry.values), entry.unit),
		ratio: ratioText(entry),
	};
}

/** The table of every shown series, in case order, as Markdown (readable in a terminal too). */
export function markdownTable(): string {
	const headers: Row = {
		case: 'case',
		measure: 'what',
		tool: 'tool',
		n: 'n',
		median: 'median',
		p95: 'p95',
		min: 'min',
		max: 'max',
		ratio: 'ivjm ÷ peer (medians)',
	};
	const rows = [...series.values()]
		.filter((entry) => !entry.hidden)
		.sort((a, b) => a.case.localeCompare(b.case))
		.map(rowOf);
	const keys = Object.keys(headers) as Array<keyof Row>;
	const line = (row: Row) =>
		`| ${keys.map((key) => row[key].replaceAll('|', '\\|')).join(' | ')} |`;
	return [line(headers), `|${keys.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}

/** Every series with its summary figures, for the JSON file. */
export function seriesFigures() {
	return [...series.values()].map((entry) => ({
		...entry,
		median: median(entry.values),
		p95: entry.p95 ? percentile(entry.values, 95) : undefined,
		min: Math.min(...entry.values),
		max: Math.max(...entry.values),
		ratios: entry.peers?.map((peer) => ({
			peer,
			ratio: median(entry.values) / median(series.get(peer)?.values ?? []),
		})),
	}));
}

export type Scaling = {
	where: string;
	tool: string;
	points: Array<{jobs: number; seconds: number}>;
	fit?: Fit;
};

export function scalingText(scaling: Scaling[]): string {
	return scaling
		.map((entry) => {
			const points = entry.points
				.map((point) => `${point.jobs.toLocaleString('en-US')} → ${point.seconds.toFixed(2)} s`)
				.join(', ');
			const fit = entry.fit
				? `least squares ${(entry.fit.slope * 1000).toFixed(2)} s per 1,000 jobs ` +
					`${entry.fit.intercept < 0 ? '−' : '+'} ${Math.abs(entry.fit.intercept).toFixed(2)} s, ` +
					`R² ${entry.fit.r2.toFixed(3)}`
				: 'too few sizes for a fit';
			return `- ${entry.where}, ${entry.tool}: ${points}; ${fit}`;
		})
		.join('\n');
}

const mib = (bytes: number) => `${(bytes / mebibyte).toFixed(0)} MiB`;

export function probeText(name: string, report: ProbeReport, profile: ProfileSummary): string {
	const {memory} = report;
	const top = profile.top
		.slice(0, 8)
		.map((entry) => `${entry.name} ${(entry.share * 100).toFixed(0)} %`)
		.join('; ');
	const retained = (usage?: NodeJS.MemoryUsage) =>
		usage ? `, ${mib(usage.heapUsed)} of it still referenced after a GC` : '';
	return (
		`- ${name}: ${report.jobs.toLocaleString('en-US')} jobs. The listing (${report.listed.toLocaleString('en-US')} names, matrix built as they come) ` +
		`took ${report.listSeconds.toFixed(2)} s, then ${report.gets.toLocaleString('en-US')} task.json reads (${mib(report.getBytes)}, ${report.parallel} at a time) ` +
		`${report.readSeconds.toFixed(2)} s. Heap ${mib(memory.start.heapUsed)} before, ` +
		`${mib(memory.listed.heapUsed)} when the listing ended${retained(memory.listedRetained)}; ` +
		`${mib(memory.done.heapUsed)} at the end${retained(memory.doneRetained)}. ` +
		`RSS ${mib(memory.start.rss)} signed in, peak ${mib(memory.vmHwm)}. ` +
		`CPU profile (${profile.seconds.toFixed(1)} s), self time: ${top}.`
	);
}
