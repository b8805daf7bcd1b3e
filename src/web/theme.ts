import {
  type CSSVariablesResolver,
  createTheme,
  darken,
  defaultVariantColorsResolver,
  type MantineColorsTuple,
  parseThemeColor,
  type VariantColorsResolver,
} from "@mantine/core";

/** A calm petrol blue; shade 7 (the primary shade) has 7:1 contrast against white. */
const petrol: MantineColorsTuple = [
  "#e9f2f9",
  "#d3e4f1",
  "#a6c8e2",
  "#76aad2",
  "#4f91c5",
  "#3581bd",
  "#2672ae",
  "#1c5d8a",
  "#164d73",
  "#0f3a57",
];

/** Colours whose default shades already give text enough contrast. */
const DARK_ENOUGH = new Set(["petrol", "gray", "dark"]);

/**
 * Mantine's light/subtle/outline variants draw text in shade 9 (light) or the primary shade, which for
 * green, yellow, orange and red is below WCAG AA (4.5:1) on small text. Darken those text colours.
 */
const variantColorResolver: VariantColorsResolver = (input) => {
  const result = defaultVariantColorsResolver(input);
  const parsed = parseThemeColor({ color: input.color ?? input.theme.primaryColor, theme: input.theme });
  if (!parsed.isThemeColor || !parsed.color || DARK_ENOUGH.has(parsed.color)) return result;
  const shade9 = input.theme.colors[parsed.color][9];
  if (input.variant === "light") return { ...result, color: darken(shade9, 0.35) };
  if (input.variant === "subtle" || input.variant === "outline" || input.variant === "transparent") {
    const color = darken(shade9, 0.2);
    return { ...result, color, border: input.variant === "outline" ? `1px solid ${color}` : result.border };
  }
  return result;
};

export const theme = createTheme({
  variantColorResolver,
  primaryColor: "petrol",
  primaryShade: { light: 7, dark: 4 },
  colors: { petrol },
  defaultRadius: "md",
  fontFamily:
    "Inter, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif",
  headings: { fontWeight: "650" },
  focusRing: "auto",
  cursorType: "pointer",
  components: {
    // Badges in narrow table cells must show their whole word, not "AK…".
    Badge: {
      defaultProps: { variant: "light" },
      styles: { root: { flexShrink: 0 }, label: { overflow: "visible" } },
    },
    Table: { defaultProps: { verticalSpacing: "xs", highlightOnHover: true } },
    Modal: { defaultProps: { centered: true, size: "lg" } },
    Fieldset: { styles: { legend: { fontWeight: 600 } } },
    Notification: { styles: { description: { color: "var(--mantine-color-gray-8)" } } },
  },
});

/** Darker "dimmed" and placeholder text than Mantine's default, so small grey text passes WCAG AA. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    "--mantine-color-dimmed": "var(--mantine-color-gray-7)",
    "--mantine-color-placeholder": "var(--mantine-color-gray-6)",
  },
  dark: {},
});
