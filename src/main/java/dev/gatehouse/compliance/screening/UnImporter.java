package dev.gatehouse.compliance.screening;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The UN Security Council Consolidated List XML ({@code INDIVIDUALS/INDIVIDUAL},
 * {@code ENTITIES/ENTITY}), read as a stream. The entry id is the UN reference number (e.g.
 * {@code CDi.001}); names in original script become aliases; the list's date is {@code dateGenerated}.
 */
public final class UnImporter {
    public static final String LIST = "UN";

    private UnImporter() {}

    public static ParsedList read(Path path, String date, ImportProgress progress) {
        ListFile file = ListFile.read(path);
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        List<ListEntry> entries = new ArrayList<>();
        String generated = null;
        XMLStreamReader x = null;
        try {
            x = factory.createXMLStreamReader(new StringReader(file.text()));
            boolean sawRoot = false;
            while (x.hasNext()) {
                if (x.next() != XMLStreamConstants.START_ELEMENT) continue;
                String tag = x.getLocalName();
                if (!sawRoot) {
                    if (!tag.equals("CONSOLIDATED_LIST")) throw new ListFormatException(path.toString(), x.getLocation().getLineNumber(), "not a UN consolidated list (root is " + tag + ")");
                    sawRoot = true;
                    String d = x.getAttributeValue(null, "dateGenerated");
                    if (d != null && d.length() >= 10) generated = d.substring(0, 10);
                } else if (tag.equals("INDIVIDUAL") || tag.equals("ENTITY")) {
                    entries.add(entry(x, tag, path));
                    if (entries.size() % 500 == 0) progress.entriesRead(LIST, entries.size());
                }
            }
            if (!sawRoot) throw new ListFormatException(path.toString(), 1, "empty XML document");
        } catch (XMLStreamException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNumber();
            throw new ListFormatException(path.toString(), line, "broken XML: " + e.getMessage().replaceAll("\\s+", " "), e);
        } finally {
            if (x != null) try { x.close(); } catch (XMLStreamException ignored) { /* nothing held open: the text is in memory */ }
        }
        return new ParsedList(LIST, date != null ? date : generated != null ? generated : ListFile.modifiedDate(path),
                file.sha256(), path.toString(), entries);
    }

    /** Reads one INDIVIDUAL or ENTITY element up to its end tag. */
    private static ListEntry entry(XMLStreamReader x, String kind, Path path) throws XMLStreamException {
        long line = x.getLocation().getLineNumber();
        String[] nameParts = new String[4];
        String ref = null, listType = null, comments = "";
        Set<String> aliases = new LinkedHashSet<>(), dobs = new LinkedHashSet<>(), nats = new LinkedHashSet<>(), countries = new LinkedHashSet<>();
        List<String> path2 = new ArrayList<>();
        while (x.hasNext()) {
            int ev = x.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                String tag = x.getLocalName();
                String parent = path2.isEmpty() ? "" : path2.getLast();
                path2.add(tag);
                if (!hasTextChild(tag)) continue;
                String text = x.getElementText().strip();
                path2.removeLast();
                if (text.isEmpty()) continue;
                switch (tag) {
                    case "FIRST_NAME" -> nameParts[0] = text;
                    case "SECOND_NAME" -> nameParts[1] = text;
                    case "THIRD_NAME" -> nameParts[2] = text;
                    case "FOURTH_NAME" -> nameParts[3] = text;
                    case "REFERENCE_NUMBER" -> ref = text;
                    case "UN_LIST_TYPE" -> listType = text;
                    case "COMMENTS1" -> comments = text;
                    case "NAME_ORIGINAL_SCRIPT", "ALIAS_NAME" -> aliases.add(text);
                    case "DATE" -> { if (parent.endsWith("DATE_OF_BIRTH")) dobs.add(text.substring(0, Math.min(10, text.length()))); }
                    case "YEAR", "FROM_YEAR", "TO_YEAR" -> { if (parent.endsWith("DATE_OF_BIRTH")) dobs.add(text); }
                    case "DATE_OF_BIRTH" -> dobs.add(text.substring(0, Math.min(10, text.length()))); // an alias's own DOB
                    case "VALUE" -> { if (parent.equals("NATIONALITY")) nats.add(Countries.code(text)); }
                    case "COUNTRY" -> { if (parent.endsWith("_ADDRESS")) countries.add(Countries.code(text)); }
                    default -> { }
                }
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                if (path2.isEmpty()) break; // the INDIVIDUAL or ENTITY end tag
                path2.removeLast();
            }
        }
        String name = String.join(" ", java.util.Arrays.stream(nameParts).filter(p -> p != null && !p.isBlank()).toList());
        if (ref == null || name.isEmpty()) throw new ListFormatException(path.toString(), line, kind + " without REFERENCE_NUMBER or name");
        aliases.remove(name);
        return new ListEntry(LIST, ref, kind.equals("INDIVIDUAL") ? EntryType.INDIVIDUAL : EntryType.ENTITY, name,
                List.copyOf(aliases), List.copyOf(countries), List.copyOf(dobs), List.copyOf(nats),
                listType == null ? List.of() : List.of(listType), comments);
    }

    /** Elements holding only text (the rest contain child elements). */
    private static boolean hasTextChild(String tag) {
        return switch (tag) {
            case "FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME", "REFERENCE_NUMBER", "UN_LIST_TYPE", "COMMENTS1",
                 "NAME_ORIGINAL_SCRIPT", "ALIAS_NAME", "DATE", "YEAR", "FROM_YEAR", "TO_YEAR", "VALUE", "COUNTRY",
                 "DATAID", "VERSIONNUM", "LISTED_ON", "GENDER", "QUALITY", "TYPE_OF_DATE", "NOTE", "CITY", "STREET",
                 "STATE_PROVINCE", "ZIP_CODE", "TYPE_OF_DOCUMENT", "TYPE_OF_DOCUMENT2", "NUMBER", "ISSUING_COUNTRY",
                 "DATE_OF_ISSUE", "COUNTRY_OF_ISSUE", "CITY_OF_ISSUE", "DATE_OF_BIRTH", "COUNTRY_OF_BIRTH",
                 "CITY_OF_BIRTH", "SORT_KEY", "SORT_KEY_LAST_MOD", "SUBMITTED_BY" -> true;
            default -> false;
        };
    }
}
