import { useEffect, useState } from 'preact/hooks';
import './qrCode.css';

interface Props {
  text: string;
  /** What the code leads to, for screen readers. */
  label: string;
  class?: string;
}

interface Matrix {
  size: number;
  path: string;
}

const QUIET_ZONE = 4;

/** The dark modules of a QR code as one SVG path (drawn locally; nothing is fetched). */
async function qrMatrix(text: string): Promise<Matrix> {
  const { default: qrcode } = await import('qrcode-generator');
  const code = qrcode(0, 'M');
  code.addData(text);
  code.make();
  const count = code.getModuleCount();
  let path = '';
  for (let row = 0; row < count; row += 1) {
    for (let col = 0; col < count; col += 1) {
      if (code.isDark(row, col)) path += `M${col + QUIET_ZONE} ${row + QUIET_ZONE}h1v1h-1z`;
    }
  }
  return { size: count + QUIET_ZONE * 2, path };
}

/** A QR code as inline SVG, loaded on demand so pages without one never download the encoder. */
export function QrCode({ text, label, class: className }: Props) {
  const [matrix, setMatrix] = useState<Matrix | null>(null);
  useEffect(() => {
    let current = true;
    qrMatrix(text).then((next) => {
      if (current) setMatrix(next);
    });
    return () => {
      current = false;
    };
  }, [text]);
  if (!matrix) return <div class={`qr qr--loading ${className ?? ''}`} />;
  return (
    <svg
      class={`qr ${className ?? ''}`}
      viewBox={`0 0 ${matrix.size} ${matrix.size}`}
      role="img"
      aria-label={label}
      shape-rendering="crispEdges"
    >
      <rect width={matrix.size} height={matrix.size} fill="#ffffff" />
      <path d={matrix.path} fill="#0b1320" />
    </svg>
  );
}
