// The bits of Python the library's messages rely on (repr, difflib's close matches),
// so that the calculators' messages read exactly like the library's (pure: no DOM).

// repr() of a str: single quotes unless the text holds a ' and no ".
export function pyStrRepr(text) {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = "";
  for (const ch of text) {
    if (ch === "\\") out += "\\\\";
    else if (ch === quote) out += "\\" + ch;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else out += ch;
  }
  return quote + out + quote;
}

// repr() of a float: the shortest round-trip digits (as JS), in Python's layout
// (scientific below 1e-4 or from 1e16, always a '.0' on whole numbers).
export function pyFloatRepr(x) {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const [mantissa, expText] = x.toExponential().split("e");
  const exp = Number(expText);
  if (exp < -4 || exp >= 16) {
    return `${mantissa}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  const sign = x < 0 ? "-" : "";
  const digits = mantissa.replace("-", "").replace(".", "");
  let text;
  if (exp >= 0) {
    const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, "0");
    const frac = digits.slice(exp + 1);
    text = `${intPart}.${frac || "0"}`;
  } else {
    text = `0.${"0".repeat(-exp - 1)}${digits}`;
  }
  return sign + text;
}

// repr() of a JSON value as Python holds it: ints (whole numbers) without '.0'.
export function pyRepr(value) {
  if (value === null || value === undefined) return "None";
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "string") return pyStrRepr(value);
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : pyFloatRepr(value);
  return String(value);
}

// Python's difflib.SequenceMatcher(None, a, b).ratio() without junk (strings under 200 chars,
// so autojunk never applies): 2 * matched / total, matched from recursive longest matches.
function longestMatch(a, b, alo, ahi, blo, bhi) {
  // Longest common block; ties: smallest i, then smallest j (difflib's rule).
  // prev[j - blo] is the length of the common run ending at (i - 1, j - 1).
  let bestI = alo, bestJ = blo, bestK = 0;
  let prev = new Array(bhi - blo + 1).fill(0);
  for (let i = alo; i < ahi; i++) {
    const row = new Array(bhi - blo + 1).fill(0);
    for (let j = blo; j < bhi; j++) {
      if (a[i] !== b[j]) continue;
      const k = prev[j - blo] + 1;
      row[j - blo + 1] = k;
      if (k > bestK) [bestI, bestJ, bestK] = [i - k + 1, j - k + 1, k];
    }
    prev = row;
  }
  return [bestI, bestJ, bestK];
}

export function sequenceRatio(a, b) {
  const A = Array.from(a), B = Array.from(b);
  let matched = 0;
  const queue = [[0, A.length, 0, B.length]];
  while (queue.length) {
    const [alo, ahi, blo, bhi] = queue.pop();
    const [i, j, k] = longestMatch(A, B, alo, ahi, blo, bhi);
    if (k) {
      matched += k;
      if (alo < i && blo < j) queue.push([alo, i, blo, j]);
      if (i + k < ahi && j + k < bhi) queue.push([i + k, ahi, j + k, bhi]);
    }
  }
  const total = A.length + B.length;
  return total ? (2 * matched) / total : 1;
}

// difflib.get_close_matches(word, candidates, n=1, cutoff): the best candidate or null
// (ties on the score go to the larger string, as heapq.nlargest on (score, x) does).
export function closeMatch(word, candidates, cutoff = 0.6) {
  let best = null, bestScore = -1;
  for (const x of candidates) {
    const score = sequenceRatio(x, word);
    if (score >= cutoff && (score > bestScore || (score === bestScore && x > best))) {
      [best, bestScore] = [x, score];
    }
  }
  return best;
}

// Python's format(x, "g"): 6 significant digits, trailing zeros dropped, exponent form
// below 1e-4 or from 1e6 (as in "{:g}" of the library's messages).
export function pyG(x) {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0" : "0";
  const [mantissa, expText] = x.toExponential(5).split("e");
  const exp = Number(expText);
  const strip = (t) => (t.includes(".") ? t.replace(/0+$/, "").replace(/\.$/, "") : t);
  if (exp < -4 || exp >= 6) {
    return `${strip(mantissa)}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  return strip(x.toFixed(Math.max(0, 5 - exp)));
}

// pandas' view of one cell: isna (None, NaN) and to_numeric(errors="coerce")
// (numbers, numeric text, "inf"; anything else NaN).
export const isNa = (v) => v === null || v === undefined || (typeof v === "number" && Number.isNaN(v));

export function toNumeric(value) {
  if (typeof value === "number") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value !== "string") return NaN;
  const t = value.trim();
  if (/^[+-]?(inf|infinity)$/i.test(t)) return t.startsWith("-") ? -Infinity : Infinity;
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t) ? Number(t) : NaN;
}
