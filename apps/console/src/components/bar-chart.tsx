import { Box, Text } from '@mantine/core';

export interface Bar {
  label: string;
  value: number;
}

/**
 * Bars as SVG, drawn by the page itself (no chart library): the picture for the eye, and the same
 * numbers as a table for a screen reader.
 */
export function BarChart({ bars, title, unit }: { bars: Bar[]; title: string; unit: string }) {
  const width = 720;
  const height = 200;
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const slot = width / Math.max(1, bars.length);
  return (
    <Box>
      <svg
        viewBox={`0 0 ${width} ${height + 24}`}
        width="100%"
        role="img"
        aria-label={title}
        data-testid="usage-chart"
      >
        <title>{title}</title>
        {bars.map((bar, index) => {
          const barHeight = (bar.value / max) * height;
          return (
            <g key={bar.label}>
              <rect
                x={index * slot + slot * 0.15}
                y={height - barHeight}
                width={slot * 0.7}
                height={Math.max(barHeight, bar.value > 0 ? 2 : 0)}
                rx={2}
                fill="var(--mantine-primary-color-filled)"
              >
                <title>{`${bar.label}: ${bar.value} ${unit}`}</title>
              </rect>
              {(index % Math.ceil(bars.length / 8) === 0 || index === bars.length - 1) && (
                <text
                  x={index * slot + slot / 2}
                  y={height + 16}
                  textAnchor="middle"
                  fontSize="11"
                  fill="currentColor"
                >
                  {bar.label.slice(5)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <Text size="xs">
        Highest day: {max === 1 && bars.every((bar) => bar.value === 0) ? 0 : max} {unit}.
      </Text>
    </Box>
  );
}
