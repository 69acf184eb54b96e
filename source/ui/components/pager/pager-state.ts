/** The first line shown by a pager after a scroll: pure, kept within the text. */
export function scrollTo(offset: number, lineCount: number, height: number): number {
	return Math.max(0, Math.min(offset, lineCount - height));
}
