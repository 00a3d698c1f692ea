import io

from PIL import Image

TEST_PASSPHRASE = "test-passphrase"


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (40, 30), "navy")
    exif = Image.Exif()
    exif[0x010F] = "CanaryCam"  # camera maker
    exif[0x8825] = {1: "N", 2: (21.0, 35.0, 12.0), 3: "E", 4: (105.0, 50.0, 7.0)}  # GPS
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def pdf_with_author(author="Nguyen Van Canary") -> bytes:
    import pypdf

    writer = pypdf.PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_metadata({"/Author": author, "/Creator": "CanaryWriter"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def token() -> str:
    from anticorruption.privacy import form_token

    return form_token()
