using System.Text;

namespace Loyalty.Domain.Imports;

/// <summary>A line of an import file: its number (from 1), and its text, or null when it was longer than allowed.</summary>
public readonly record struct ImportTextLine(long Number, string? Text)
{
    public bool TooLong => Text is null;
}

/// <summary>
/// Reads an import file line by line (<c>\n</c> or <c>\r\n</c>), never holding more than one line of at most
/// <c>maxLength</c> characters: the rest of a longer line is read past and dropped. Blank lines are skipped, but counted.
/// </summary>
public sealed class ImportLineReader(TextReader reader, int maxLength)
{
    private readonly char[] _buffer = new char[16_384];
    private readonly StringBuilder _line = new();
    private int _position;
    private int _length;
    private long _number;

    /// <summary>The next non-blank line, or null at the end of the file.</summary>
    public async ValueTask<ImportTextLine?> ReadAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var (ended, tooLong) = await ReadRawAsync(cancellationToken);
            if (ended && _line.Length == 0 && !tooLong)
                return null;
            _number++;
            if (tooLong)
                return new ImportTextLine(_number, null);
            var text = _line.ToString();
            if (text.Length > 0 && text[^1] == '\r')
                text = text[..^1];
            if (!string.IsNullOrWhiteSpace(text))
                return new ImportTextLine(_number, _number == 1 ? text.TrimStart('\uFEFF') : text);
            if (ended)
                return null;
        }
    }

    /// <summary>Fills <see cref="_line"/> up to the next line feed; answers whether the file ended and whether the line was too long.</summary>
    private async ValueTask<(bool Ended, bool TooLong)> ReadRawAsync(CancellationToken cancellationToken)
    {
        _line.Clear();
        var tooLong = false;
        while (true)
        {
            if (_position == _length)
            {
                _length = await reader.ReadAsync(_buffer.AsMemory(), cancellationToken);
                _position = 0;
                if (_length == 0)
                    return (true, tooLong);
            }
            var span = _buffer.AsSpan(_position, _length - _position);
            var feed = span.IndexOf('\n');
            var part = feed < 0 ? span : span[..feed];
            if (!tooLong && _line.Length + part.Length > maxLength + 1) // + 1: a final '\r'
            {
                tooLong = true;
                _line.Clear();
            }
            if (!tooLong)
                _line.Append(part);
            _position += part.Length;
            if (feed >= 0)
            {
                _position++;
                return (false, tooLong);
            }
        }
    }
}
