using System.IO;
using System.Xml;

namespace Import.Services
{
    public class InvoiceImporter
    {
        public XmlDocument Load(Stream upload)
        {
            var doc = new XmlDocument();
            // ruleid: csharp.dotnet.xxe
            doc.XmlResolver = new XmlUrlResolver();
            doc.Load(upload);
            return doc;
        }

        public XmlReader Reader(Stream upload)
        {
            var settings = new XmlReaderSettings
            {
                // ruleid: csharp.dotnet.xxe
                DtdProcessing = DtdProcessing.Parse,
                XmlResolver = null,
            };
            return XmlReader.Create(upload, settings);
        }

        public XmlTextReader Legacy(Stream upload)
        {
            var reader = new XmlTextReader(upload);
            // ruleid: csharp.dotnet.xxe
            reader.ProhibitDtd = false;
            return reader;
        }

        public XmlReader SafeReader(Stream upload)
        {
            var settings = new XmlReaderSettings();
            // ok: csharp.dotnet.xxe
            settings.DtdProcessing = DtdProcessing.Prohibit;
            // ok: csharp.dotnet.xxe
            settings.XmlResolver = null;
            return XmlReader.Create(upload, settings);
        }

        public bool IsUnsafe(XmlReaderSettings s)
        {
            // ok: csharp.dotnet.xxe
            return s.DtdProcessing == DtdProcessing.Parse;
        }
    }
}
