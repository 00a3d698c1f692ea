from django.core.checks import Warning, register

from . import crypto


@register(deploy=True)
def channel_key(app_configs, **kwargs):
    """In production, the anonymous channel needs the inspection unit's public key; without
    it the form says the channel is not open."""
    if crypto.channel_ready():
        return []
    return [
        Warning(
            "The anonymous reporting channel is closed: ANTICORRUPTION_PUBLIC_KEY is not set "
            "(or is not a base64 X25519 public key).",
            hint="Make a key pair with anticorruption.crypto.generate_key_pair(passphrase); "
            "keep the private key file outside the database, readable by the web processes "
            "(ANTICORRUPTION_PRIVATE_KEY_FILE), and give its passphrase to the inspectors.",
            id="anticorruption.W001",
        )
    ]
