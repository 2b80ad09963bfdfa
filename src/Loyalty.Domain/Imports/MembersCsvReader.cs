namespace Loyalty.Domain.Imports;

/// <summary>
/// Members in CSV: a header naming the columns (<see cref="ImportCsvColumns"/>), then one member per line. A file whose
/// header is refused has every line refused with it.
/// </summary>
internal sealed class MembersCsvReader(ImportLineReader lines, ImportLineRules rules) : ImportFileReader<ImportedMember>(lines)
{
    private CsvHeader? _header;
    private string? _headerError;

    public override async ValueTask<ImportParsed<ImportedMember>?> ReadAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (await NextLineAsync(cancellationToken) is not { } line)
                return null;
            if (line.TooLong)
                return new(null, TooLong(line.Number, rules.Options.MaxLineLength));
            if (_header is null && _headerError is null)
            {
                (_header, _headerError) = CsvHeader.Parse(line.Text!, ImportCsvColumns.MembersRequired, ImportCsvColumns.MembersOptional);
                if (_headerError is not null)
                    return ImportParsed<ImportedMember>.Refused(line.Number, "header", _headerError);
                continue;
            }
            if (_header is null)
                return ImportParsed<ImportedMember>.Refused(line.Number, "header", _headerError!);
            if (CsvRow.Split(line.Text!) is not { } row)
                return ImportParsed<ImportedMember>.Refused(line.Number, "line", "The line is not valid CSV (an unclosed quote?).");
            try
            {
                return rules.Member(line.Number, new MemberLine
                {
                    MemberId = _header.Field(row, "memberId"),
                    Name = _header.Field(row, "name"),
                    Email = _header.Field(row, "email"),
                    Phone = _header.Field(row, "phone"),
                    CardNumber = _header.Field(row, "cardNumber"),
                    EnrolledAt = CsvFields.Time(_header.Field(row, "enrolledAt"), "enrolledAt"),
                    Points = CsvFields.Long(_header.Field(row, "points"), "points"),
                    PointsExpireOn = CsvFields.Day(_header.Field(row, "pointsExpireOn"), "pointsExpireOn"),
                    Tier = _header.Field(row, "tier"),
                });
            }
            catch (CsvFieldException ex)
            {
                return ImportParsed<ImportedMember>.Refused(line.Number, ex.Field, ex.Message);
            }
        }
    }
}
