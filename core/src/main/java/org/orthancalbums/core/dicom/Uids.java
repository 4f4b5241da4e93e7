package org.orthancalbums.core.dicom;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.UUID;
import java.util.regex.Pattern;

/** DICOM UIDs under the UUID root 2.25 (ISO/IEC 9834-8), so nobody has to register an org root. */
public final class Uids {
    private static final Pattern UID = Pattern.compile("[0-9]+(\\.[0-9]+)*");

    private Uids() {
    }

    /** A UID as identifying elements must hold it: 1 to 64 characters, digits and dots. */
    public static boolean isValid(String uid) {
        return uid != null && uid.length() <= 64 && UID.matcher(uid).matches();
    }

    public static String random() {
        UUID uuid = UUID.randomUUID();
        byte[] bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array();
        return "2.25." + new BigInteger(1, bytes);
    }
}
