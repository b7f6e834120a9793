package dev.gatehouse.compliance.kyc;

import dev.gatehouse.compliance.screening.EntryType;
import dev.gatehouse.compliance.screening.ListEntry;
import dev.gatehouse.compliance.screening.ParsedList;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** A small made-up list, in the shape the importers produce, so each test controls exactly what is listed (also the policy facts' tests). */
public final class FixtureLists {
    public static final String LIST = "TEST-SDN";
    public static final ListEntry HUAWEI = entity("1", "Huawei Technologies Co., Ltd.", "CN");
    public static final ListEntry KENFA = entity("2", "Tianjin Kenfa Precision Machinery Company", "CN");
    public static final ListEntry NORDWIND = entity("3", "Nordwind Optical Systems Research Bureau", "RU");

    private FixtureLists() {}

    public static ListEntry entity(String id, String name, String country, String... aliases) {
        return new ListEntry(LIST, id, EntryType.ENTITY, name, List.of(aliases), List.of(country), List.of(), List.of(), List.of("TEST"), "");
    }

    /** The list with these entries; its content hash follows the entries, so a changed list is a new import. */
    public static ParsedList of(ListEntry... entries) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(List.of(entries).toString().getBytes(StandardCharsets.UTF_8));
            return new ParsedList(LIST, "2026-01-01", HexFormat.of().formatHex(digest), "fixture", List.of(entries));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
