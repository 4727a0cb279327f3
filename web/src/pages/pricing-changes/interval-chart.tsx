// One metric of an experiment, each arm a row: its value as a dot and its 95%
// interval as a line, on a scale shared by the arms, beside the figures. The
// drawing is an estimate for the eye; the figures are the API's.

export type IntervalRow = { arm: string; value: number; lower: number; upper: number; text: string };

const width = 240;

export function IntervalChart({ label, rows }: { label: string; rows: IntervalRow[] }) {
  const top = Math.max(1e-9, ...rows.map((row) => Math.max(row.upper, row.value)));
  const bottom = Math.min(0, ...rows.map((row) => row.lower));
  const x = (value: number) => ((value - bottom) / (top - bottom)) * (width - 16) + 8;
  return (
    <figure className="interval-chart">
      <figcaption>{label}</figcaption>
      <table>
        <tbody>
          {rows.map((row) => (
            <tr key={row.arm}>
              <th scope="row">{row.arm}</th>
              <td>
                <svg
                  width={width}
                  height={18}
                  role="img"
                  aria-label={`${row.arm}: ${row.text}, 95% interval ${row.lower.toFixed(4)} to ${row.upper.toFixed(4)}`}
                >
                  <line x1={x(row.lower)} x2={x(row.upper)} y1={9} y2={9} stroke="#1d4ed8" strokeWidth={2} />
                  <line x1={x(row.lower)} x2={x(row.lower)} y1={4} y2={14} stroke="#1d4ed8" />
                  <line x1={x(row.upper)} x2={x(row.upper)} y1={4} y2={14} stroke="#1d4ed8" />
                  <circle cx={x(row.value)} cy={9} r={4} fill="#0f172a" />
                </svg>
              </td>
              <td>{row.text}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
