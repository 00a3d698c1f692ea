"""Reading a QR code back from a rendered page, without a QR decoder library: find the code's
three finder patterns, sample each module, and return the matrix. A test compares it with the
matrix segno encodes for the expected text; a different text gives a different matrix."""

from PIL import Image


def _runs(row: list[bool]) -> list[tuple[bool, int, int]]:
    runs, start = [], 0
    for x in range(1, len(row) + 1):
        if x == len(row) or row[x] != row[start]:
            runs.append((row[start], start, x - start))
            start = x
    return runs


def _finder_rows(pixels: list[list[bool]]) -> list[tuple[int, int, float]]:
    """(y, x, module) of every row run that looks like a finder pattern: dark, light, dark×3,
    light, dark."""
    found = []
    for y, row in enumerate(pixels):
        runs = _runs(row)
        for i in range(len(runs) - 4):
            five = runs[i : i + 5]
            if not five[0][0]:
                continue
            total = sum(r[2] for r in five)
            module = total / 7
            if module < 2:
                continue
            expected = (1, 1, 3, 1, 1)
            if all(
                abs(r[2] - e * module) <= module * 0.5 for r, e in zip(five, expected, strict=True)
            ):
                found.append((y, five[0][1], module))
    return found


def qr_matrix(path) -> list[list[bool]]:
    image = Image.open(path).convert("L")
    width, _height = image.size
    values = [value < 128 for value in image.tobytes()]
    pixels = [values[start : start + width] for start in range(0, len(values), width)]
    candidates = _finder_rows(pixels)
    # Group the rows by their left edge and by nearness: a finder spans 3 modules of rows
    # (the bottom-left finder has the top-left one's edge, further down).
    groups: list[list[tuple[int, int, float]]] = []
    for y, x, module in candidates:
        for group in groups:
            last_y, last_x, _m = group[-1]
            if abs(last_x - x) <= 2 and y - last_y <= 2 * module:
                group.append((y, x, module))
                break
        else:
            groups.append([(y, x, module)])
    finders = []
    for rows in groups:
        x = rows[0][1]
        module = sum(r[2] for r in rows) / len(rows)
        ys = sorted(r[0] for r in rows)
        # Only the finder's three middle rows (of seven) show the 1:1:3:1:1 runs.
        if ys[-1] - ys[0] >= 2 * module:
            finders.append(((ys[0] + ys[-1]) / 2 - 3.5 * module, x, module))
    # The two top finders share their top row; the left one is the code's corner.
    for top, left, module in sorted(finders):
        for other_top, other_left, _m in finders:
            if other_left > left + 7 * module and abs(other_top - top) <= module:
                size = round((other_left + 7 * module - left) / module)
                step = (other_left + 7 * module - left) / size
                return [
                    [
                        pixels[int(top + (j + 0.5) * step)][int(left + (i + 0.5) * step)]
                        for i in range(size)
                    ]
                    for j in range(size)
                ]
    raise AssertionError("No QR code found on the page.")
