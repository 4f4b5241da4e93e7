package org.orthancalbums.core.dicom;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.UUID;

/** DICOM UIDs under the UUID root 2.25 (ISO/IEC 9834-8), so nobody has to register an org root. */
public final class Uids {
    private Uids() {
    }

    public static String random() {
        UUID uuid = UUID.randomUUID();
        byte[] bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array();
        return "2.25." + new BigInteger(1, bytes);
    }
}
