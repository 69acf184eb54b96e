import stringWidth from 'string-width';

/**
 * `text` in exactly `width` terminal columns: cut with `…` when wider (by display width, so wide
 * characters count twice), padded with spaces on the side away from `align`.
 */
export function fitCell(text: string, width: number, align: 'left' | 'right' = 'left'): string {
	if (width <= 0) return '';
	let shown = text;
	let used = stringWidth(text);
	if (used > width) {
		shown = '';
		used = 0;
		for (const char of text) {
			const next = stringWidth(char);
			if (used + next > width - 1) break;
			shown += char;
			used += next;
		}
		shown += '…';
		used += 1;
	}
	const padding = ' '.repeat(Math.max(0, width - used));
	return align === 'right' ? padding + shown : shown + padding;
}
