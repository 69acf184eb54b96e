import xterm from '@xterm/headless';

/**
 * Draws a captured terminal screen (text with ANSI escapes) as an SVG: the escapes are played
 * into a real terminal emulator (xterm.js, headless), then each cell is written out with its
 * colour, so the picture is what a person saw.
 */
const cellWidth = 8.4;
const cellHeight = 17;
const background = '#1e1e2e';
const foreground = '#d9e0ee';
const palette = [
	'#45475a',
	'#f38ba8',
	'#a6e3a1',
	'#f9e2af',
	'#89b4fa',
	'#f5c2e7',
	'#94e2d5',
	'#bac2de',
	'#585b70',
	'#f38ba8',
	'#a6e3a1',
	'#f9e2af',
	'#89b4fa',
	'#f5c2e7',
	'#94e2d5',
	'#a6adc8',
];

export async function renderSvg(screen: string, columns: number, rows: number): Promise<string> {
	const terminal = new xterm.Terminal({cols: columns, rows, allowProposedApi: true});
	await new Promise<void>((done) => terminal.write(screen.replaceAll('\n', '\r\n'), done));
	const lines: string[] = [];
	const buffer = terminal.buffer.active;
	for (let y = 0; y < rows; y++) {
		const line = buffer.getLine(y);
		if (!line) continue;
		let run = {text: '', colour: foreground, bold: false, x: 0};
		const flush = () => {
			if (run.text.trim() !== '') {
				lines.push(
					`<text x="${(run.x * cellWidth).toFixed(1)}" y="${(y + 1) * cellHeight - 4}" fill="${run.colour}"${run.bold ? ' font-weight="bold"' : ''} xml:space="preserve">${escapeXml(run.text)}</text>`,
				);
			}
		};
		for (let x = 0; x < columns; x++) {
			const cell = line.getCell(x);
			if (!cell || cell.getWidth() === 0) continue;
			const colour = cell.isFgPalette()
				? (palette[cell.getFgColor()] ?? foreground)
				: cell.isFgRGB()
					? `#${cell.getFgColor().toString(16).padStart(6, '0')}`
					: foreground;
			const bold = cell.isBold() !== 0;
			if (colour !== run.colour || bold !== run.bold) {
				flush();
				run = {text: '', colour, bold, x};
			}
			run.text += cell.getChars() || ' ';
		}
		flush();
	}
	const width = Math.ceil(columns * cellWidth) + 20;
	const height = rows * cellHeight + 20;
	return [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
		`<rect width="100%" height="100%" rx="6" fill="${background}"/>`,
		`<g transform="translate(10 10)" font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="14">`,
		...lines,
		'</g>',
		'</svg>',
		'',
	].join('\n');
}

function escapeXml(text: string): string {
	return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
