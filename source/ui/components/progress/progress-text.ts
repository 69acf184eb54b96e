import prettyBytes from 'pretty-bytes';

export type ProgressFigures = {done: number; total: number; rate?: number; etaSeconds?: number};

/** The words beside a progress bar: "1.2 GB / 4 GB  35 MB/s  1m 20s left". */
export function progressText({done, total, rate, etaSeconds}: ProgressFigures): string {
	const parts = [`${prettyBytes(done)} / ${prettyBytes(total)}`];
	if (rate !== undefined && rate > 0) parts.push(`${prettyBytes(rate)}/s`);
	if (etaSeconds !== undefined && Number.isFinite(etaSeconds) && done < total)
		parts.push(`${duration(etaSeconds)} left`);
	return parts.join('  ');
}

export function duration(seconds: number): string {
	const rounded = Math.max(0, Math.round(seconds));
	if (rounded < 60) return `${rounded}s`;
	const minutes = Math.floor(rounded / 60);
	if (minutes < 60) return `${minutes}m ${String(rounded % 60).padStart(2, '0')}s`;
	return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

/** A bar of `width` cells; the filled part is drawn with a different glyph, not colour alone. */
export function progressBar(done: number, total: number, width: number): string {
	const fraction = total <= 0 ? 1 : Math.min(1, Math.max(0, done / total));
	const filled = Math.round(fraction * width);
	return '█'.repeat(filled) + '░'.repeat(width - filled);
}
